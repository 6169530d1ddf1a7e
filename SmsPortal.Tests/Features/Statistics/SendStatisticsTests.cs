using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Statistics;
using SmsPortal.Tests.Support;
using static SmsPortal.Tests.Features.Statistics.StatisticsWorld;

namespace SmsPortal.Tests.Features.Statistics;

/// <summary>The statistics counted in SQLite: days of the platform's calendar, groupings, one account's only.</summary>
public sealed class SendStatisticsTests(PortalFixture fixture) : SendStatisticsCases, IClassFixture<PortalFixture>
{
    protected override PortalFactory Portal => fixture.Portal;
}

/// <summary>The same counted in PostgreSQL, where the signature, carrier and day groupings are other SQL.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresSendStatisticsTests(PostgresPortalFixture fixture) : SendStatisticsCases, IClassFixture<PostgresPortalFixture>
{
    protected override PortalFactory Portal => fixture.Portal;
}

/// <summary>The statistics counted in the database: days of the platform's calendar, groupings, one account's only.</summary>
public abstract class SendStatisticsCases
{
    protected abstract PortalFactory Portal { get; }

    private SendStatistics Statistics => Portal.Service<SendStatistics>();

    [Fact]
    public async Task ByDayCountsEachChinaDayFromMidnightToMidnightWithEmptyDaysAndOnlyTheAccountsMessages()
    {
        var a = await TestAccounts.CreateAsync(Portal);
        var b = await TestAccounts.CreateAsync(Portal);
        var first = new DateOnly(2025, 3, 10);
        await AddAsync(Portal, a.Id,
            Sent("13800138000", "【Acme】one", MessageStatus.Delivered, DayAt(first, 0)),
            Sent("13800138000", "【Acme】two", MessageStatus.Delivered, DayAt(first, 23, 59), parts: 2),
            Sent("13800138000", "【Acme】three", MessageStatus.Failed, DayAt(first, 12)),
            Sent("13800138000", "【Acme】four", MessageStatus.Expired, DayAt(first, 13)),
            Sent("13800138000", "【Acme】five", MessageStatus.Submitted, DayAt(first, 14)),
            Sent("13800138000", "【Acme】six", MessageStatus.Delivered, DayAt(first.AddDays(2), 8)),
            Sent("13800138000", "【Acme】before", MessageStatus.Delivered, DayAt(first.AddDays(-1), 23, 59)),
            Sent("13800138000", "【Acme】after", MessageStatus.Delivered, DayAt(first.AddDays(3), 0)));
        await AddAsync(Portal, b.Id, Sent("13900139000", "【Beta】other", MessageStatus.Delivered, DayAt(first, 10)));

        var rows = await Statistics.ReadAsync(new StatisticsQuery(a.Id, first, first.AddDays(2), StatisticsGrouping.Day), CancellationToken.None);

        Assert.Equal(
            [new("2025-03-10", null, 5, 2, 2, 6), new("2025-03-11", null, 0, 0, 0, 0), new StatisticsRow("2025-03-12", null, 1, 1, 0, 1)],
            rows);
        Assert.Equal(1, rows[0].Pending);
        Assert.Equal(0.5, rows[0].DeliveryRate);
        Assert.Null(rows[1].DeliveryRate);
    }

    [Fact]
    public async Task ByTemplateSignatureAndCarrierWithTheTemplatesTextAndNumbersAbroadByCountry()
    {
        var a = await TestAccounts.CreateAsync(Portal);
        var day = new DateOnly(2025, 4, 1);
        await AddAsync(Portal, a.Id,
            Sent("13800138000", "【Acme】您的验证码是：1234。", MessageStatus.Delivered, DayAt(day, 9), templateId: 1),
            Sent("13012345678", "【Acme】您的验证码是：5678。", MessageStatus.Failed, DayAt(day, 9), templateId: 1),
            Sent("13312345678", "【Beta】订单已发货", MessageStatus.Delivered, DayAt(day, 9), parts: 2, templateId: 987654),
            Sent("852 91234567", "【Acme】Your code is 4321", MessageStatus.Delivered, DayAt(day, 9), templateId: 1));
        var query = new StatisticsQuery(a.Id, day, day, StatisticsGrouping.Template);

        var templates = await Statistics.ReadAsync(query, CancellationToken.None);
        var signatures = await Statistics.ReadAsync(query with { By = StatisticsGrouping.Signature }, CancellationToken.None);
        var carriers = await Statistics.ReadAsync(query with { By = StatisticsGrouping.Carrier }, CancellationToken.None);

        Assert.Equal([new("1", MessageTemplate.DefaultText, 3, 2, 1, 3), new StatisticsRow("987654", null, 1, 1, 0, 2)], templates);
        Assert.Equal([new("【Acme】", null, 3, 2, 1, 3), new StatisticsRow("【Beta】", null, 1, 1, 0, 2)], signatures);
        Assert.Equal(
            ["+852:1", "ChinaMobile:1", "ChinaTelecom:1", "ChinaUnicom:1"],
            carriers.Select(r => $"{r.Key}:{r.Sent}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ByCountryWithTheMoneyChargedAbroadRefundedForFailedOnesAndTheMainlandAs86()
    {
        var a = await TestAccounts.CreateAsync(Portal);
        var b = await TestAccounts.CreateAsync(Portal);
        var day = new DateOnly(2025, 4, 2);
        static Message Abroad(Message message, string country, long fen)
        {
            (message.Country, message.PriceFen) = (country, fen);
            return message;
        }

        await AddAsync(Portal, a.Id,
            Sent("13800138000", "【Acme】国内", MessageStatus.Delivered, DayAt(day, 9)),
            Abroad(Sent("852 91234567", "【Acme】HK one", MessageStatus.Delivered, DayAt(day, 9), parts: 2), "852", 70),
            Abroad(Sent("852 91234568", "【Acme】HK two", MessageStatus.Submitted, DayAt(day, 10)), "852", 35),
            Abroad(Sent("852 91234569", "【Acme】HK refunded", MessageStatus.Failed, DayAt(day, 11)), "852", 35),
            Abroad(Sent("65 81234567", "【Acme】SG", MessageStatus.Expired, DayAt(day, 12)), "65", 42),
            Abroad(Sent("1 2025550123", "【Acme】US", MessageStatus.Delivered, DayAt(day, 13)), "1", 28));
        await AddAsync(Portal, b.Id, Abroad(Sent("852 90000000", "【Beta】other account", MessageStatus.Delivered, DayAt(day, 9)), "852", 35));
        var query = new StatisticsQuery(a.Id, day, day, StatisticsGrouping.Country);

        var countries = await Statistics.ReadAsync(query, CancellationToken.None);
        var days = await Statistics.ReadAsync(query with { By = StatisticsGrouping.Day }, CancellationToken.None);
        var platform = await Statistics.ReadAsync(query with { AccountId = null }, CancellationToken.None);

        // Hong Kong: 70 + 35 charged (the pending one is reserved), the failed one refunded; Singapore expired: refunded.
        Assert.Equal(
            [new("852", "HK", 3, 1, 1, 4, 105), new("1", "US", 1, 1, 0, 1, 28), new("65", "SG", 1, 0, 1, 1, 0), new StatisticsRow("86", "CN", 1, 1, 0, 1, 0)],
            countries);
        Assert.Equal(133, days.Single().MoneyFen);
        Assert.Contains(platform, r => r is { Key: "852", Sent: 4, MoneyFen: 140 });
    }

    [Fact]
    public async Task AdminsCountEveryAccountByAccountAndByChannel()
    {
        var a = await TestAccounts.CreateAsync(Portal);
        var b = await TestAccounts.CreateAsync(Portal);
        var day = new DateOnly(2025, 5, 1);
        await AddAsync(Portal, a.Id,
            Sent("13800138000", "【Acme】x", MessageStatus.Delivered, DayAt(day, 9), channel: "upstream-1"),
            Sent("13800138001", "【Acme】y", MessageStatus.Delivered, DayAt(day, 10), channel: "upstream-1"));
        // Expired while it waited for a channel: no channel ever took it (a final state, which the sweep leaves alone).
        await AddAsync(Portal, b.Id, Sent("13900139000", "【Beta】z", MessageStatus.Expired, DayAt(day, 11)));
        var query = new StatisticsQuery(null, day, day, StatisticsGrouping.Account);

        var accounts = await Statistics.ReadAsync(query, CancellationToken.None);
        var channels = await Statistics.ReadAsync(query with { By = StatisticsGrouping.Channel }, CancellationToken.None);

        var names = await Portal.QueryAsync(db => db.Accounts.Where(x => x.Id == a.Id || x.Id == b.Id).ToDictionaryAsync(x => x.Id, x => x.Name));
        Assert.Equal([new(a.ApiId, names[a.Id], 2, 2, 0, 2), new StatisticsRow(b.ApiId, names[b.Id], 1, 0, 1, 1)], accounts);
        Assert.Equal([new("upstream-1", null, 2, 2, 0, 2), new StatisticsRow("", null, 1, 0, 1, 1)], channels);
        Assert.Equal(a.Id, await Statistics.AccountIdOfAsync(" " + a.ApiId + " ", CancellationToken.None));
        Assert.Null(await Statistics.AccountIdOfAsync("NOSUCHID", CancellationToken.None));
    }

    [Theory]
    [InlineData("2025-06-02", "2025-06-01", "Statistics.Error.ToBeforeFrom")]
    [InlineData("2025-01-01", "2025-04-03", "Statistics.Error.TooLong")]
    [InlineData("2025-01-01", "2025-04-03", "Statistics.Error.TooLong", true)]
    public async Task ARangeBackwardsOrLongerThanAQuarterIsRefused(string from, string to, string problem, bool admin = false)
    {
        var query = new StatisticsQuery(admin ? null : 1, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), StatisticsGrouping.Day);

        Assert.Equal(problem, query.Problem);
        await Assert.ThrowsAsync<ArgumentException>(() => Statistics.ReadAsync(query, CancellationToken.None));
        Assert.Null((query with { To = query.From.AddDays(StatisticsQuery.MaxDays - 1) }).Problem);
    }
}
