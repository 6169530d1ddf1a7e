using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Billing.Alerts;

/// <summary>
/// The low-balance reminder, the vendor's way: when an account's balance falls below its threshold, up to three
/// SMS (one to each alert number, charged like any message) and a mail to the owner — once. A top-up re-arms it;
/// nothing else does, so a balance that hovers around the threshold does not send a reminder each time.
/// </summary>
public sealed partial class LowBalanceAlertJob(
    IDbContextFactory<SmsPortalDbContext> contexts,
    SubmissionService submissions,
    IMailSender mail,
    TimeProvider clock,
    ILogger<LowBalanceAlertJob> logger)
{
    public const int MaxAlertNumbers = 3;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(120)]
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var watched = await db.Accounts.Where(a => a.LowBalanceThreshold != null)
            .Select(a => new { a.Id, a.ApiId, a.Name, a.LowBalanceThreshold, a.AlertMobiles, a.LowBalanceAlertedAt })
            .ToListAsync(cancellationToken);
        if (watched.Count == 0)
        {
            return;
        }

        var balances = await CreditLedger.BalancesAsync(db, watched.Select(a => a.Id).ToArray(), cancellationToken);
        foreach (var account in watched)
        {
            var alertedAt = account.LowBalanceAlertedAt;
            if (alertedAt is { } at && await db.LedgerEntries.AnyAsync(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.TopUp && e.CreatedAt > at, cancellationToken))
            {
                alertedAt = null;
                await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LowBalanceAlertedAt, (DateTimeOffset?)null), cancellationToken);
            }

            var balance = balances[account.Id];
            if (alertedAt is not null || balance >= account.LowBalanceThreshold!.Value)
            {
                continue;
            }

            // Marked first: a crash after this sends nothing twice (a missed reminder beats a repeated one).
            var now = clock.GetUtcNow();
            var marked = await db.Accounts.Where(a => a.Id == account.Id && a.LowBalanceAlertedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LowBalanceAlertedAt, now), cancellationToken);
            if (marked == 0)
            {
                continue;
            }

            var body = string.Create(CultureInfo.InvariantCulture, $"您的短信账户{account.ApiId}余额为{balance}条，已低于提醒值{account.LowBalanceThreshold}条，请及时充值。");
            foreach (var mobile in Numbers(account.AlertMobiles))
            {
                var result = await submissions.SubmitNoticeAsync(account.ApiId, mobile, body, cancellationToken);
                LogSms(logger, account.Id, (int)result.Code);
            }

            var owner = await db.Users.Where(u => u.AccountId == account.Id && u.IsAccountOwner).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            if (owner is not null)
            {
                await mail.SendAsync(new OutgoingMail(owner, $"SmsPortal: {account.Name} 余额不足 / low balance",
                    $"<p>{WebUtility.HtmlEncode(body)}</p><p>Your SMS balance is {balance}, below your reminder threshold of {account.LowBalanceThreshold}. Top up in the console to keep sending.</p>"), cancellationToken);
            }
        }
    }

    public static IReadOnlyList<string> Numbers(string? alertMobiles) =>
        (alertMobiles ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxAlertNumbers).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Low-balance SMS for account {AccountId} answered {Code}")]
    private static partial void LogSms(ILogger logger, int accountId, int code);
}
