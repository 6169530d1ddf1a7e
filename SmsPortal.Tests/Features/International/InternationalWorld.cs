using System.Text;
using SmsPortal.Domain.International;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.International;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>Price lists and money balances made through the portal's own services, for the international tests.</summary>
internal static class InternationalWorld
{
    /// <summary>
    /// The platform's list of these tests: Hong Kong ¥0.30 (cost ¥0.20) with its "6" network apart at ¥0.45, the United
    /// Kingdom ¥0.50 and North America ¥0.25. Japan (81) has no price.
    /// </summary>
    public const string PlatformCsv =
        "country,prefix,network,price_cny,cost_cny\r\n"
        + "852,,,0.30,0.20\r\n"
        + "852,6,\"Hong Kong, network 6\",0.45,0.30\r\n"
        + "44,,,0.50,\r\n"
        + "1,,,0.25,0.10\r\n";

    /// <summary>
    /// Sends to these tests' countries abroad: the platform allows them (countries abroad are off by default, decision
    /// 0035) and the simulator carries every country (a number abroad takes only a route naming it). Before the portal starts.
    /// </summary>
    public static void AllowAbroad(PortalFactory portal)
    {
        portal.Settings["Abuse:AllowedCountries"] = "852, 44, 1, 81";
        portal.Settings["Channels:Simulator:Prefixes"] = "+";
    }

    public static async Task<IReadOnlyList<PriceListProblem>> ImportAsync(PortalFactory portal, int? sellerId, string csv)
    {
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await portal.Service<InternationalPrices>().ImportAsync(sellerId, file, CancellationToken.None);
    }

    public static async Task PlatformPricesAsync(PortalFactory portal) => Assert.Empty(await ImportAsync(portal, null, PlatformCsv));

    /// <summary>Adds money (fen) to an account's money balance, as a top-up would.</summary>
    public static async Task GiveMoneyAsync(PortalFactory portal, int accountId, long fen)
    {
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        await portal.Service<CreditLedger>().AppendAsync(db, [new LedgerLine(accountId, LedgerEntryKind.TopUp, fen, "TEST", "test money") { Currency = LedgerCurrency.Cny }], CancellationToken.None);
    }

    public static Task<long> MoneyAsync(PortalFactory portal, int accountId) => portal.CheckedBalanceAsync(accountId, LedgerCurrency.Cny);

    public static Task<int> EntriesAsync(PortalFactory portal, int accountId) =>
        portal.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == accountId));
}
