using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Doors;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>The accounts' mail door settings: read for a mail, looked up by sender address, saved from the console.</summary>
public sealed class MailDoorAccounts(IDbContextFactory<SmsPortalDbContext> contexts, SendingProfiles profiles)
{
    /// <summary>The account's settings; the defaults (all off) when it never saved any.</summary>
    public async Task<MailDoorSettings> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MailDoorSettings.AsNoTracking().FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken)
            ?? new MailDoorSettings { AccountId = accountId };
    }

    public async Task SaveAsync(int accountId, bool subjectIsMessage, IReadOnlyList<string> allowedSenders, bool mailReceipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allowedSenders);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.MailDoorSettings.FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        if (row is null)
        {
            row = new MailDoorSettings { AccountId = accountId };
            db.MailDoorSettings.Add(row);
        }

        row.SubjectIsMessage = subjectIsMessage;
        row.AllowedSenders = MailDoorSettingsRules.Store(allowedSenders);
        row.MailReceipts = mailReceipts;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The account a mail without SMTP AUTH is sent for: the one that lists <paramref name="sender"/> among its allowed
    /// senders and binds <paramref name="clientAddress"/>. An account without an IP binding never matches (anyone can
    /// write any sender address), and neither does a sender two accounts list for that address.
    /// </summary>
    public async Task<SendingProfile?> FindBySenderAsync(string sender, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var address = sender.ToLowerInvariant();
        if (!MailDoorSettingsRules.IsAddress(address))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.MailDoorSettings.AsNoTracking()
            .Where(s => s.AllowedSenders != null && s.AllowedSenders.Contains(address))
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => new { s.AllowedSenders, a.ApiId })
            .ToListAsync(cancellationToken);
        var matches = new List<SendingProfile>();
        foreach (var candidate in candidates.Where(c => MailDoorSettingsRules.Read(c.AllowedSenders).Contains(address)))
        {
            if (await profiles.FindAsync(candidate.ApiId, cancellationToken) is { } profile
                && profile.AllowedIps.Count > 0 && profile.AllowedIps.Contains(clientAddress))
            {
                matches.Add(profile);
            }
        }

        return matches.Count == 1 ? matches[0] : null;
    }
}
