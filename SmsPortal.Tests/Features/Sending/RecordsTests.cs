using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>One portal whose clock stands still on Wednesday 18 November 2026, 10:00 in Beijing.</summary>
public sealed class RecordsFixture : IAsyncLifetime
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 18, 10, 0, 0, Beijing));

    public PortalFactory Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.Clock = Clock;
        _ = Portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary>The records query the console's records page and its export use: filters, paging, masking, statistics.</summary>
public sealed class RecordsTests(RecordsFixture fixture) : IClassFixture<RecordsFixture>
{
    private static readonly TimeSpan Beijing = RecordsFixture.Beijing;

    private PortalFactory Portal => fixture.Portal;

    private MessageRecords Records => Portal.Service<MessageRecords>();

    [Fact]
    public async Task StatisticsCountTodayThisWeekAndThisMonthInThePlatformsCalendar()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        await AddAsync(account.Id,
            Sent("13800138001", "a", MessageStatus.Delivered, At(11, 18, 9)),
            Sent("13800138002", "b", MessageStatus.Failed, At(11, 18, 8)),
            // 16:30 UTC on the 17th is half past midnight on the 18th in Beijing: today.
            Sent("13800138003", "c", MessageStatus.Delivered, new DateTimeOffset(2026, 11, 17, 16, 30, 0, TimeSpan.Zero)),
            Sent("13800138004", "d", MessageStatus.Submitted, At(11, 17, 12)),
            Sent("13800138005", "e", MessageStatus.Delivered, At(11, 15, 12)),
            Sent("13800138006", "f", MessageStatus.Expired, At(10, 31, 23)));

        var statistics = await Records.StatisticsAsync(account.Id, CancellationToken.None);

        Assert.Equal(new StatusCounts(3, 2, 1), statistics.Today);
        Assert.Equal(new StatusCounts(4, 2, 1), statistics.ThisWeek);
        Assert.Equal(1, statistics.ThisWeek.Pending);
        Assert.Equal(new StatusCounts(5, 3, 1), statistics.ThisMonth);
    }

    [Fact]
    public async Task FiltersByStatusDateNumberAndContentAndShowsNothingOfOtherAccounts()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var other = await TestAccounts.CreateAsync(Portal);
        await AddAsync(account.Id,
            Sent("13800138001", "【快递通】您的包裹已到站。", MessageStatus.Delivered, At(11, 18, 9)),
            Sent("13900139002", "【快递通】您的验证码是1234。", MessageStatus.Failed, At(11, 17, 9)),
            Sent("13800138003", "【快递通】您的包裹已签收。", MessageStatus.Submitted, At(11, 16, 9)),
            Sent("852 91234567", "【快递通】Your parcel is here.", MessageStatus.Expired, At(11, 10, 9)));
        await AddAsync(other.Id, Sent("13800138001", "【快递通】您的包裹已到站。", MessageStatus.Delivered, At(11, 18, 9)));

        Assert.Equal(4, (await SearchAsync(account.Id, new RecordFilter())).Total);
        Assert.Equal(["13900139002", "852 91234567"], await MobilesAsync(account.Id, new RecordFilter(RecordStatus.Failed)));
        Assert.Equal(["13800138003"], await MobilesAsync(account.Id, new RecordFilter(RecordStatus.Pending)));
        Assert.Equal(["13800138001"], await MobilesAsync(account.Id, new RecordFilter(RecordStatus.Delivered)));
        Assert.Equal(["13900139002", "13800138003"], await MobilesAsync(account.Id, new RecordFilter(From: new DateOnly(2026, 11, 16), To: new DateOnly(2026, 11, 17))));
        Assert.Equal(["13800138001"], await MobilesAsync(account.Id, new RecordFilter(From: new DateOnly(2026, 11, 18))));
        Assert.Equal(["13800138003", "852 91234567"], await MobilesAsync(account.Id, new RecordFilter(To: new DateOnly(2026, 11, 16))));
        Assert.Equal(["13800138001", "13800138003"], await MobilesAsync(account.Id, new RecordFilter(Mobile: " 0138 ")));
        Assert.Equal(["13800138001", "13800138003"], await MobilesAsync(account.Id, new RecordFilter(Content: "包裹")));
        Assert.Equal(["13800138003"], await MobilesAsync(account.Id, new RecordFilter(RecordStatus.Pending, Content: "包裹", Mobile: "138")));
        Assert.Empty(await MobilesAsync(account.Id, new RecordFilter(Content: "nothing like this")));
    }

    [Fact]
    public async Task PagesNewestFirstWithTheTotalOfTheFilter()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        await AddAsync(account.Id, Enumerable.Range(0, 25)
            .Select(i => Sent($"138001380{i:D2}", $"【快递通】第{i}条", i % 5 == 0 ? MessageStatus.Failed : MessageStatus.Delivered, At(11, 18, 9).AddMinutes(i)))
            .ToArray());

        var first = await Records.SearchAsync(account.Id, new RecordFilter(), 0, 10, CancellationToken.None);
        var last = await Records.SearchAsync(account.Id, new RecordFilter(), 20, 10, CancellationToken.None);
        var failed = await Records.SearchAsync(account.Id, new RecordFilter(RecordStatus.Failed), 3, 10, CancellationToken.None);

        Assert.Equal(25, first.Total);
        Assert.Equal(Enumerable.Range(15, 10).Reverse().Select(i => $"138001380{i:D2}"), first.Rows.Select(r => r.Mobile));
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"138001380{i:D2}"), last.Rows.Select(r => r.Mobile));
        Assert.Equal(5, failed.Total);
        Assert.Equal(["13800138005", "13800138000"], failed.Rows.Select(r => r.Mobile));
        Assert.Equal(Message.FormatSmsId(At(11, 18, 9).AddMinutes(24), first.Rows[0].Id), first.Rows[0].SmsId);
    }

    [Fact]
    public async Task TheNextPageReadAfterTheLastIdIsThePageSkippedTo()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        await AddAsync(account.Id, Enumerable.Range(0, 47)
            .Select(i => Sent($"139001390{i:D2}", $"【快递通】第{i}条", i % 3 == 0 ? MessageStatus.Failed : MessageStatus.Delivered, At(11, 18, 8).AddSeconds(i)))
            .ToArray());

        foreach (var filter in new[] { new RecordFilter(), new RecordFilter(RecordStatus.Delivered), new RecordFilter(Content: "快递通"), new RecordFilter(Mobile: "1390013") })
        {
            var skipped = new List<long>();
            var keyset = new List<long>();
            long? last = null;
            for (var page = 0; page < 6; page++)
            {
                skipped.AddRange((await Records.SearchAsync(account.Id, filter, page * 10, 10, CancellationToken.None)).Rows.Select(r => r.Id));
                // The page's skip is ignored after an id: the grid passes both and the id wins.
                var next = await Records.SearchAsync(account.Id, filter, page * 10, 10, last, CancellationToken.None);
                keyset.AddRange(next.Rows.Select(r => r.Id));
                last = next.Rows.Count > 0 ? next.Rows[^1].Id : last;
            }

            Assert.Equal(skipped, keyset);
            Assert.Equal(filter.Status == RecordStatus.Delivered ? 31 : 47, keyset.Count);
            Assert.Equal(keyset.OrderByDescending(id => id), keyset);
        }
    }

    [Fact]
    public async Task AFilterByTextCountsUpToTenThousandAndThenSaysMoreThan()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var start = At(11, 17, 0);
        await AddAsync(account.Id, Enumerable.Range(0, MessageRecords.CountCap + 5)
            .Select(i => Sent("13700137" + (i % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? $"【签名】验证码{i}" : $"【签名】订单{i}", MessageStatus.Delivered, start.AddSeconds(i)))
            .ToArray());

        var many = await Records.SearchAsync(account.Id, new RecordFilter(Content: "【签名】"), 0, 20, CancellationToken.None);
        var half = await Records.SearchAsync(account.Id, new RecordFilter(Content: "验证码"), 0, 20, CancellationToken.None);
        var byNumber = await Records.SearchAsync(account.Id, new RecordFilter(Mobile: "13700137999"), 0, 20, CancellationToken.None);
        var all = await Records.SearchAsync(account.Id, new RecordFilter(), 0, 20, CancellationToken.None);

        Assert.Equal((MessageRecords.CountCap, true), (many.Total, many.TotalIsAtLeast));
        Assert.Equal(20, many.Rows.Count);
        Assert.Equal(((MessageRecords.CountCap + 6) / 2, false), (half.Total, half.TotalIsAtLeast));
        Assert.Equal((10, false), (byNumber.Total, byNumber.TotalIsAtLeast));
        // A filter by status and dates alone is counted whole (from the daily rollups where a day is folded).
        Assert.Equal((MessageRecords.CountCap + 5, false), (all.Total, all.TotalIsAtLeast));
    }

    [Fact]
    public async Task MaskingHidesTheTemplatesVariableValuesAndDigitRunsWhereNoTemplateFits()
    {
        var account = await TestAccounts.CreateAsync(Portal, signatures: ["快递通"],
            templates: [("parcel", "您的包裹【code】已到站，取件码【pin】。", TemplateKind.Notification)]);
        var parcel = account.Templates["parcel"];
        await AddAsync(account.Id,
            Sent("13800138001", "【快递通】您的包裹SF12已到站，取件码8842。", MessageStatus.Delivered, At(11, 18, 9), parcel),
            Sent("13800138002", "【SmsPortal】您的验证码是：5678。请不要把验证码泄露给其他人。", MessageStatus.Delivered, At(11, 18, 9), MessageTemplate.DefaultId),
            Sent("13800138003", "【快递通】Order 1234567 ships on the 21st, ref 987.", MessageStatus.Delivered, At(11, 18, 9), null),
            // A template edited since: its text no longer fits, so the digit runs are hidden.
            Sent("13800138004", "【快递通】Parcel 55667788 at locker 12.", MessageStatus.Delivered, At(11, 18, 9), parcel));

        var plain = await TextsAsync(account.Id);
        await TestAccounts.SetAsync(Portal, account.Id, a => a.MaskRecords = true);
        var masked = await Records.SearchAsync(account.Id, new RecordFilter(), 0, 10, CancellationToken.None);
        var exported = await Records.ExportAsync(account.Id, new RecordFilter(), CancellationToken.None).ToListAsync();

        Assert.Contains("【快递通】您的包裹SF12已到站，取件码8842。", plain);
        Assert.True(masked.Masked);
        var expected = new[]
        {
            "【快递通】Parcel **** at locker 12.",
            "【快递通】Order **** ships on the 21st, ref 987.",
            "【SmsPortal】您的验证码是：****。请不要把验证码泄露给其他人。",
            "【快递通】您的包裹****已到站，取件码****。",
        };
        Assert.Equal(expected, masked.Rows.Select(r => r.Text));
        Assert.Equal(expected, exported.Select(r => r.Text));
    }

    [Fact]
    public async Task TheExportStreamsEveryFilteredRowNewestFirst()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        await AddAsync(account.Id, Enumerable.Range(0, 250)
            .Select(i => Sent($"13800{i:D6}", $"【快递通】第{i}条", i % 2 == 0 ? MessageStatus.Delivered : MessageStatus.Failed, At(11, 18, 9).AddSeconds(i)))
            .ToArray());

        var delivered = await Records.ExportAsync(account.Id, new RecordFilter(RecordStatus.Delivered), CancellationToken.None).ToListAsync();

        Assert.Equal(125, delivered.Count);
        Assert.Equal("13800000248", delivered[0].Mobile);
        Assert.All(delivered, r => Assert.Equal(MessageStatus.Delivered, r.Status));
    }

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, Beijing);

    private static Message Sent(string mobile, string text, MessageStatus status, DateTimeOffset acceptedAt, int? templateId = null) => new()
    {
        Mobile = mobile,
        Text = text,
        Status = status,
        // In UTC, as the portal's clock writes them.
        AcceptedAt = acceptedAt.ToUniversalTime(),
        DoneAt = status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired ? acceptedAt.ToUniversalTime().AddSeconds(5) : null,
        TemplateId = templateId,
        Parts = 1,
        Door = SubmissionDoor.Console,
    };

    private async Task AddAsync(int accountId, params Message[] messages)
    {
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        foreach (var message in messages.OrderBy(m => m.AcceptedAt))
        {
            message.AccountId = accountId;
            db.Messages.Add(message);
        }

        await db.SaveChangesAsync();
    }

    private Task<RecordPage> SearchAsync(int accountId, RecordFilter filter) => Records.SearchAsync(accountId, filter, 0, 50, CancellationToken.None);

    private async Task<List<string>> MobilesAsync(int accountId, RecordFilter filter) =>
        (await SearchAsync(accountId, filter)).Rows.Select(r => r.Mobile).ToList();

    private async Task<List<string>> TextsAsync(int accountId) =>
        (await SearchAsync(accountId, new RecordFilter())).Rows.Select(r => r.Text).ToList();
}
