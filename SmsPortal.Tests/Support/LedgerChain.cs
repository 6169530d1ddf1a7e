using Microsoft.EntityFrameworkCore;

namespace SmsPortal.Tests.Support;

/// <summary>The ledger's invariant for one account, as the property tests check it.</summary>
public static class LedgerChain
{
    /// <summary>
    /// Asserts that the account's entries chain (each BalanceAfter is the one before plus its amount) and none leaves it
    /// below zero; returns the balance they add up to and how many there are.
    /// </summary>
    public static async Task<(long Balance, int Entries)> AssertChainsAsync(PortalFactory portal, int account, SmsPortal.Domain.Ledger.LedgerCurrency currency = SmsPortal.Domain.Ledger.LedgerCurrency.Credits)
    {
        // Each currency chains on its own (decision 0034).
        var entries = await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account && e.Currency == currency).OrderBy(e => e.Id).ToListAsync());
        var running = 0L;
        foreach (var entry in entries)
        {
            running += entry.Amount;
            Assert.Equal(running, entry.BalanceAfter);
            Assert.True(entry.BalanceAfter >= 0, $"entry {entry.Id} leaves account {account} at {entry.BalanceAfter}");
        }

        return (running, entries.Count);
    }
}
