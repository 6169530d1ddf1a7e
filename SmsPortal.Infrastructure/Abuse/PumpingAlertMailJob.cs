using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Abuse;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Abuse;

/// <summary>
/// Mails the account's owners that a range was blocked for SMS pumping, in Chinese and English. Safe to run twice: the
/// block remembers that its mail went out.
/// </summary>
public sealed partial class PumpingAlertMailJob(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IMailSender mail,
    IOptions<PlatformOptions> platform,
    TimeProvider clock,
    ILogger<PumpingAlertMailJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task SendAsync(long blockId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var block = await db.RangeBlocks.SingleOrDefaultAsync(b => b.Id == blockId, cancellationToken);
        if (block is null || block.MailedAt is not null)
        {
            return;
        }

        var owners = await db.Users.Where(u => u.AccountId == block.AccountId && u.IsAccountOwner && u.Email != null)
            .Select(u => u.Email!).ToListAsync(cancellationToken);
        foreach (var owner in owners)
        {
            await mail.SendAsync(Compose(owner, block, platform.Value.DefaultSignature), cancellationToken);
        }

        block.MailedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogMailed(logger, block.Id, owners.Count);
    }

    internal static OutgoingMail Compose(string to, RangeBlock block, string brand)
    {
        var range = WebUtility.HtmlEncode(NumberRange.Display(block.Range, block.HiddenDigits));
        var minutes = (block.WindowSeconds / 60.0).ToString("0.#", CultureInfo.InvariantCulture);
        var until = block.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var subject = $"【{brand}】疑似短信轰炸，号段 {NumberRange.Display(block.Range, block.HiddenDigits)} 已被拦截 / SMS pumping suspected: range blocked";
        var html = $"""
            <p>您好，</p>
            <p>您的账户在 {minutes} 分钟内向号段 <b>{range}</b> 发起了超过 {block.Codes} 条新的验证码，这是短信轰炸（流量欺诈）的典型特征。
            为保护您的余额，该号段已对您的账户暂停发送，直到 {until}。</p>
            <p>如果这些请求是正常业务，请登录控制台，在“验证码服务 → 拦截记录”中解除拦截；否则请检查触发验证码的页面（图形验证码、发送间隔）。</p>
            <hr>
            <p>Hello,</p>
            <p>Your account started more than {block.Codes} new verification codes into the range <b>{range}</b> within {minutes} minutes,
            the mark of SMS pumping (traffic fraud). To protect your balance, sends into that range are paused for your account until {until}.</p>
            <p>If the traffic is genuine, lift the block in the console under "Verify → Blocked"; otherwise check the page that triggers the codes (captcha, gap between codes).</p>
            <p>— {WebUtility.HtmlEncode(brand)}</p>
            """;
        return new OutgoingMail(to, subject, html);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Range block {BlockId} mailed to {Count} owner(s)")]
    private static partial void LogMailed(ILogger logger, long blockId, int count);
}
