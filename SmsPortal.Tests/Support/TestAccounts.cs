using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Tests.Support;

/// <summary>Accounts in the states a test needs, made through the same services the portal uses.</summary>
public static class TestAccounts
{
    public sealed record Made(int Id, string ApiId, string ApiKey, IReadOnlyDictionary<string, int> Templates);

    public static async Task<Made> CreateAsync(
        PortalFactory portal,
        long credits = 100,
        bool verified = false,
        bool paid = false,
        string[]? signatures = null,
        (string Name, string Text, TemplateKind Kind)[]? templates = null)
    {
        var accounts = portal.Service<AccountService>();
        var ledger = portal.Service<CreditLedger>();
        var apiKey = Guid.NewGuid().ToString("N");
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var account = await accounts.DraftAsync(db, new NewAccount("Test " + apiKey[..6], AccountKind.Customer, null, null, apiKey), CancellationToken.None);
        account.IsVerified = verified;
        await accounts.AddAsync(db, account, 0, CancellationToken.None);
        var lines = new List<LedgerLine>();
        if (paid)
        {
            lines.Add(new LedgerLine(account.Id, LedgerEntryKind.TopUp, credits, Note: "test top-up"));
        }
        else if (credits != 0)
        {
            lines.Add(new LedgerLine(account.Id, LedgerEntryKind.Adjustment, credits, Note: "test credits"));
        }

        if (lines.Count > 0)
        {
            await ledger.AppendAsync(db, lines, CancellationToken.None);
        }

        foreach (var signature in signatures ?? [])
        {
            db.Signatures.Add(new Signature { AccountId = account.Id, Text = signature, State = ReviewState.Approved, CreatedAt = DateTimeOffset.UtcNow });
        }

        var made = new Dictionary<string, MessageTemplate>();
        foreach (var (name, text, kind) in templates ?? [])
        {
            var template = new MessageTemplate { AccountId = account.Id, Text = text, Kind = kind, State = ReviewState.Approved, CreatedAt = DateTimeOffset.UtcNow };
            db.MessageTemplates.Add(template);
            made[name] = template;
        }

        await db.SaveChangesAsync();
        return new Made(account.Id, account.ApiId, apiKey, made.ToDictionary(m => m.Key, m => m.Value.Id));
    }

    public static async Task SetAsync(PortalFactory portal, int accountId, Action<Account> change)
    {
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
        change(account);
        await db.SaveChangesAsync();
        portal.Service<SmsPortal.Infrastructure.Sending.SendingProfiles>().ForgetAll();
    }
}
