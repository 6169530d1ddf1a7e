using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Accounts;

/// <summary>An account's own settings as the console shows them, with the platform's limits they tighten.</summary>
public sealed record AccountSettingsView(
    string ApiId,
    string? ReceiptPushUrl,
    string? ReplyPushUrl,
    string? ReviewPushUrl,
    IReadOnlyList<string> AllowedIps,
    bool MaskRecords,
    AccountLimits Limits,
    SendLimits PlatformLimits);

/// <summary>Saved, or refused with every problem found (and then nothing was stored).</summary>
public sealed record SettingsSaveResult(IReadOnlyList<SettingsProblem> Problems)
{
    public bool IsSaved => Problems.Count == 0;
}

/// <summary>The customer's settings page and whatever else changes them: validated whole, then applied at once on this node.</summary>
public sealed class AccountSettingsService(
    IDbContextFactory<SmsPortalDbContext> contexts,
    SendingProfiles profiles,
    PushSecrets pushSecrets,
    PushUrlPolicy pushUrls,
    IOptions<SendingOptions> sending)
{
    public SendLimits PlatformLimits => sending.Value.Limits;

    public async Task<AccountSettingsView?> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        return new AccountSettingsView(
            account.ApiId,
            account.ReceiptPushUrl,
            account.ReplyPushUrl,
            account.ReviewPushUrl,
            AccountSettingsRules.SplitAddresses(account.AllowedIps),
            account.MaskRecords,
            account.Limits,
            PlatformLimits);
    }

    public async Task<SettingsSaveResult> SaveAsync(int accountId, AccountSettingsChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var problems = AccountSettingsRules.Check(change, PlatformLimits).ToList();
        foreach (var (field, url) in new[]
                 {
                     (nameof(change.ReceiptPushUrl), change.ReceiptPushUrl),
                     (nameof(change.ReplyPushUrl), change.ReplyPushUrl),
                     (nameof(change.ReviewPushUrl), change.ReviewPushUrl),
                 })
        {
            if (AccountSettingsRules.NormalizeUrl(url) is { } trimmed && !problems.Any(p => p.Field == field))
            {
                var verdict = await pushUrls.CheckAsync(trimmed, cancellationToken);
                if (verdict != PushUrlVerdict.Allowed)
                {
                    problems.Add(new SettingsProblem(field, verdict == PushUrlVerdict.PortNotAllowed ? SettingsProblemKind.PortNotAllowed
                        : verdict == PushUrlVerdict.InternalAddress ? SettingsProblemKind.InternalAddress : SettingsProblemKind.NotHttpUrl, trimmed));
                }
            }
        }

        if (problems.Count > 0)
        {
            return new SettingsSaveResult(problems);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        var addresses = AccountSettingsRules.NormalizeAddresses(change.AllowedIps);
        account.ReceiptPushUrl = AccountSettingsRules.NormalizeUrl(change.ReceiptPushUrl);
        account.ReplyPushUrl = AccountSettingsRules.NormalizeUrl(change.ReplyPushUrl);
        account.ReviewPushUrl = AccountSettingsRules.NormalizeUrl(change.ReviewPushUrl);
        account.AllowedIps = addresses.Count == 0 ? null : string.Join(',', addresses);
        account.MaskRecords = change.MaskRecords;
        account.Limits = new AccountLimits
        {
            MaxPerNumberPerDay = change.Limits.MaxPerNumberPerDay,
            MaxVerificationCodesPerNumberPerDay = change.Limits.MaxVerificationCodesPerNumberPerDay,
            MaxIdenticalPerNumberPerMinute = change.Limits.MaxIdenticalPerNumberPerMinute,
            MaxIdenticalPerNumberPerDay = change.Limits.MaxIdenticalPerNumberPerDay,
            MaxPerAccountPerDay = change.Limits.MaxPerAccountPerDay,
        };
        await db.SaveChangesAsync(cancellationToken);

        // Other nodes read the account again within Sending:ProfileSeconds; this one at once.
        profiles.Forget(account.ApiId);
        return new SettingsSaveResult([]);
    }

    /// <summary>The secret of the pushes' HMAC header, made on first request, for the owner to configure a receiver.</summary>
    public async Task<string> RevealPushSecretAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await pushSecrets.GetAsync(db, accountId, cancellationToken);
    }
}
