using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Review;

/// <summary>
/// Tells the customer about a decision once it is committed: a mail to the account's owner (a job, so a slow mail
/// server never holds the admin's click) and, for templates, the vendor's review-result push to the account's URL.
/// The console shows the decision from the audit log itself.
/// </summary>
public sealed class ReviewNotifications(IDbContextFactory<SmsPortalDbContext> contexts, IBackgroundJobClient jobs, PushOutbox pushes)
{
    /// <summary>The push's <c>msg</c> for an approval (a rejection carries its reason).</summary>
    public const string ApprovedMessage = "审核通过";

    public async Task NotifyAsync(ReviewAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        jobs.Enqueue<ReviewMailJob>(job => job.SendAsync(entry.Id, CancellationToken.None));
        if (entry.ItemKind != ReviewItemKind.Template)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var url = await db.Accounts.Where(a => a.Id == entry.AccountId).Select(a => a.ReviewPushUrl).FirstOrDefaultAsync(cancellationToken);
        var push = pushes.Add(db, entry.AccountId, Domain.Pushes.PushKind.ReviewResult, null, url, PushBodies.Form(
            ("code", entry.Decision == ReviewDecision.Approved ? "2" : "0"),
            ("msg", entry.Decision == ReviewDecision.Approved ? ApprovedMessage : entry.Reason ?? ""),
            ("templateid", entry.ItemId.ToString(CultureInfo.InvariantCulture))));
        if (push is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            pushes.Committed(push);
        }
    }
}

/// <summary>
/// Mails a decision to the account's owner, in Chinese and English (the platform does not know which the reader
/// prefers). Safe to run twice: the audit entry remembers that its mail went out.
/// </summary>
public sealed partial class ReviewMailJob(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IMailSender mail,
    IOptions<PlatformOptions> platform,
    TimeProvider clock,
    ILogger<ReviewMailJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task SendAsync(long auditEntryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.ReviewAuditEntries.SingleOrDefaultAsync(e => e.Id == auditEntryId, cancellationToken);
        if (entry is null || entry.MailedAt is not null)
        {
            return;
        }

        var owners = await db.Users.Where(u => u.AccountId == entry.AccountId && u.IsAccountOwner && u.Email != null)
            .Select(u => u.Email!).ToListAsync(cancellationToken);
        foreach (var owner in owners)
        {
            await mail.SendAsync(Compose(owner, entry, platform.Value.DefaultSignature), cancellationToken);
        }

        entry.MailedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogMailed(logger, entry.Id, owners.Count);
    }

    internal static OutgoingMail Compose(string to, ReviewAuditEntry entry, string brand)
    {
        var approved = entry.Decision == ReviewDecision.Approved;
        var (kindZh, kindEn) = entry.ItemKind switch
        {
            ReviewItemKind.Verification => ("企业认证", "enterprise verification"),
            ReviewItemKind.Signature => ("短信签名", "signature"),
            _ => ("短信模板", "template"),
        };
        var subject = approved
            ? $"【{brand}】{kindZh}已通过审核 / Your {kindEn} was approved"
            : $"【{brand}】{kindZh}未通过审核 / Your {kindEn} was not approved";
        var what = WebUtility.HtmlEncode(entry.Subject);
        var id = entry.ItemKind == ReviewItemKind.Verification ? "" : $" #{entry.ItemId}";
        var reason = WebUtility.HtmlEncode(entry.Reason ?? "");
        var html = approved
            ? $"""
               <p>您好，</p>
               <p>您提交的{kindZh}{id}已通过审核：</p>
               <blockquote>{what}</blockquote>
               <p>{(entry.ItemKind == ReviewItemKind.Verification ? "您的账户已完成企业认证，充值后即可使用自己的签名和模板发送。" : "现在可以使用它发送短信了。")}</p>
               <hr>
               <p>Hello,</p>
               <p>Your {kindEn}{id} was approved:</p>
               <blockquote>{what}</blockquote>
               <p>{(entry.ItemKind == ReviewItemKind.Verification ? "Your account is verified: once you have topped up, you can send with your own signatures and templates." : "You can send with it now.")}</p>
               <p>— {WebUtility.HtmlEncode(brand)}</p>
               """
            : $"""
               <p>您好，</p>
               <p>您提交的{kindZh}{id}未通过审核：</p>
               <blockquote>{what}</blockquote>
               <p>原因：{reason}</p>
               <p>请登录控制台修改后重新提交。</p>
               <hr>
               <p>Hello,</p>
               <p>Your {kindEn}{id} was not approved:</p>
               <blockquote>{what}</blockquote>
               <p>Reason: {reason}</p>
               <p>Please correct it in the console and submit it again.</p>
               <p>— {WebUtility.HtmlEncode(brand)}</p>
               """;
        return new OutgoingMail(to, subject, html);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review decision {EntryId} mailed to {Count} owner(s)")]
    private static partial void LogMailed(ILogger logger, long entryId, int count);
}
