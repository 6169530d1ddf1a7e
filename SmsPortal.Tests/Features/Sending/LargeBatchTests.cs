using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>The largest batch the platform takes, on SQLite through the REST door: every number submitted once, the ledger right.</summary>
public sealed class LargeBatchTests
{
    [Fact]
    public async Task AHundredThousandNumbersAreAllSubmittedOnceAndTheLedgerAddsUp()
    {
        await using var portal = new PortalFactory();
        const int total = 100_000;
        var account = await TestAccounts.CreateAsync(portal, credits: total + 5);
        using var client = BatchApi.Client(portal, account);

        var id = await BatchApi.CreateAsync(client, BatchApi.Numbers("139", total));

        var done = await BatchApi.WhenAsync(client, id, b => BatchApi.State(b) == "done", TimeSpan.FromMinutes(8));
        Assert.Equal(total, done.GetProperty("total").GetInt32());
        Assert.Equal(total, BatchApi.Submitted(done));
        Assert.Equal(total, BatchApi.Accepted(done));
        Assert.Equal(total, done.GetProperty("cost").GetInt64());
        await BatchSendTests.AssertSentOnceAsync(portal, account.Id, total);

        // What is left: the 5 spare credits, plus whatever a failed delivery gave back.
        var refunded = await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Refund).SumAsync(e => e.Amount));
        Assert.Equal(5 + refunded, await portal.CheckedBalanceAsync(account.Id));
    }
}
