using Bunit;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Statistics;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Statistics;
using static SmsPortal.Tests.Features.Statistics.StatisticsWorld;

namespace SmsPortal.Tests.Features.Statistics;

/// <summary>The console's statistics page rendered by bUnit on the portal's real services.</summary>
public sealed class StatisticsPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task ShowsTheLastSevenDaysByDayWithTotalsAChartAndTheExportLink()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var statistics = Portal.Service<SendStatistics>();
        var today = statistics.Today;
        await AddAsync(Portal, account.Id,
            Sent("13800138000", "【Acme】a", MessageStatus.Delivered, DayAt(today, 0, 1)),
            Sent("13800138000", "【Acme】b", MessageStatus.Failed, DayAt(today.AddDays(-6), 12), parts: 2),
            Sent("13800138000", "【Acme】old", MessageStatus.Delivered, DayAt(today.AddDays(-7), 12)));
        await using var context = new ConsolePageContext(account.Id, statistics);

        var page = context.Render<ConsoleStatisticsPage>("[data-testid=statistics-table]");

        Assert.Equal(7, page.FindAll("[data-testid=statistics-key]").Count);
        Assert.Equal("2", page.Find("[data-testid=statistics-total-sent]").TextContent);
        Assert.NotNull(page.Find("[data-testid=statistics-chart]"));
        var export = page.Find("[data-testid=statistics-export]").GetAttribute("href");
        Assert.Equal($"console/statistics/export?by=day&from={today.AddDays(-6):yyyy-MM-dd}&to={today:yyyy-MM-dd}", export);
    }

    [Fact]
    public async Task AGroupingOtherThanTheDayShowsItsKeysAndNoChart()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var statistics = Portal.Service<SendStatistics>();
        await AddAsync(Portal, account.Id, Sent("13800138000", "【Acme】a", MessageStatus.Delivered, DayAt(statistics.Today, 0, 1), templateId: 1));
        await using var context = new ConsolePageContext(account.Id, statistics);

        var view = context.Context.Render<StatisticsView>(p => p
            .Add(x => x.AccountId, account.Id)
            .Add(x => x.Groupings, [StatisticsGrouping.Template, StatisticsGrouping.Day])
            .Add(x => x.ExportPath, StatisticsExport.ConsolePath));
        view.WaitForElement("[data-testid=statistics-table]");

        Assert.StartsWith("#1", view.Find("[data-testid=statistics-key]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(view.FindAll("[data-testid=statistics-chart]"));
    }
}
