using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>The records' number and text filters on SQLite, where the text index (FTS5 trigrams) is written up to a mark.</summary>
public sealed class RecordsTextSearchTests(ManualTextIndexFixture fixture) : RecordsTextSearchCases, IClassFixture<ManualTextIndexFixture>
{
    protected override PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task TheIndexFollowsAMessageWhoseTextChangesOrThatIsDeleted()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var changed = await AddAsync(account.Id, "13800138001", "【快递通】原来的文字甲乙丙");
        var deleted = await AddAsync(account.Id, "13800138002", "【快递通】将被删除的文字");
        await CatchUpAsync();

        // Messages are neither edited nor deleted by the portal; the migration's triggers keep the index right if one is.
        await Portal.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Messages\" SET \"Text\" = '【快递通】改过的文字丁戊己' WHERE \"Id\" = {0}", changed));
        await Portal.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Messages\" WHERE \"Id\" = {0}", deleted));

        Assert.Equal([changed], await IdsAsync(account.Id, new RecordFilter(Content: "丁戊己")));
        Assert.Empty(await IdsAsync(account.Id, new RecordFilter(Content: "甲乙丙")));
        Assert.Empty(await IdsAsync(account.Id, new RecordFilter(Content: "将被删除")));
        var index = await Portal.QueryAsync(db => db.Database.SqlQueryRaw<long>(
            "SELECT rowid AS \"Value\" FROM \"MessageTexts\" WHERE \"MessageTexts\" MATCH {0}", MessageTextIndex.Match(account.Id, null, "文字")).ToListAsync());
        Assert.Equal([changed], index);
    }

    protected override async Task CatchUpAsync()
    {
        await Portal.Service<MessageTextIndex>().CatchUpAsync(CancellationToken.None);
        Assert.True(await Portal.QueryAsync(db => MessageTextIndex.MarkAsync(db, CancellationToken.None)) > 0);
    }
}

/// <summary>The same on PostgreSQL, where pg_trgm indexes serve the filters' LIKE.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresRecordsTextSearchTests(PostgresPortalFixture fixture) : RecordsTextSearchCases, IClassFixture<PostgresPortalFixture>
{
    protected override PortalFactory Portal => fixture.Portal;

    protected override Task CatchUpAsync() => Task.CompletedTask;
}

/// <summary>
/// Every number and text filter gives the rows the scan gives (the filter as it was: the stored number or text containing
/// the search, case and all): Chinese, digits inside numbers, %, _, quotes and the index's own syntax in the search,
/// searches too short for trigrams; before the index holds the messages, after, and with new messages beyond its mark.
/// </summary>
public abstract class RecordsTextSearchCases
{
    private static readonly (string Mobile, string Text)[] World =
    [
        ("13800138001", "【快递通】您的包裹SF1234567已到站，取件码8842。"),
        ("13912345678", "【快递通】Order ABC-42 ships today"),
        ("15500001234", "【快递通】order abc-42 ships today"),
        ("852 91234567", "【商城】满100%减20，限时_抢购"),
        ("13800138002", "【商城】满100减20，限时抢购"),
        ("18612341234", "【商城】引号\"测试\" 和 反斜杠\\路径"),
        ("13312345678", "【银行】验证码：123456，5分钟内有效。"),
        ("13800000000", "【银行】您的验证码是654321"),
        ("1 2025550123", "Ünïcode ÉCOLE école"),
        ("44 7700900123", "emoji 😀 测试 end"),
        ("13700137000", "a:b* ^c OR d NEAR(e f) \"x"),
    ];

    private static readonly string[] Contents =
    [
        "包裹", "SF12", "SF1234567已", "ABC", "abc", "Order", "ABC-42 ships", "100%", "%减", "_抢", "限时_", "\"测试\"", "\\路径",
        "验证码", "验证", "123456", "654", "5分", "É", "ÉCOLE", "école", "ECOLE", "😀 测", "😀", "OR d", "b* ^", "NEAR(e", "\"x",
        "不存在的词", "  包裹  ", "【", "】您的", "a", "ships today", "【快递通】",
    ];

    private static readonly string[] Mobiles = ["138", "0013800", "1234", "852 9", " 91234 ", "5678", "12", "1", "0000", "2025550", "9999"];

    protected abstract PortalFactory Portal { get; }

    private MessageRecords Records => Portal.Service<MessageRecords>();

    [Fact]
    public async Task NumberAndTextFiltersGiveTheScansRowsBeforeAndAfterTheIndexAndBeyondItsMark()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var other = await TestAccounts.CreateAsync(Portal);
        foreach (var (mobile, text) in World)
        {
            await AddAsync(account.Id, mobile, text, MessageStatus.Delivered);
            await AddAsync(other.Id, mobile, text, MessageStatus.Delivered);
        }

        await EveryFilterGivesTheScansRowsAsync(account.Id, "nothing indexed");
        await CatchUpAsync();
        await EveryFilterGivesTheScansRowsAsync(account.Id, "all indexed");
        // Accepted after the mark: the same texts again, some still pending; the newest are scanned, the rest read from the index.
        foreach (var (mobile, text) in World)
        {
            await AddAsync(account.Id, mobile, text, MessageStatus.Submitted);
        }

        await EveryFilterGivesTheScansRowsAsync(account.Id, "beyond the mark");
        Assert.Equal(2, (await IdsAsync(account.Id, new RecordFilter(RecordStatus.Pending, Content: "验证码"))).Count);
        Assert.Empty(await IdsAsync(account.Id, new RecordFilter(Content: "满100%减20，限时_抢购", Mobile: "13800138002")));
    }

    [Fact]
    public async Task PagesBySkipAndAfterTheLastIdCrossTheIndexsMarkAndTheExportHasEveryRow()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var ids = new List<long>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add(await AddAsync(account.Id, $"1390013{i:D4}", $"【快递通】第{i}件包裹已到"));
            if (i == 11)
            {
                await CatchUpAsync();
            }
        }

        var filter = new RecordFilter(Content: "件包裹", Mobile: "90013");
        var skipped = new List<long>();
        var keyset = new List<long>();
        long? last = null;
        for (var page = 0; page < 6; page++)
        {
            skipped.AddRange((await Records.SearchAsync(account.Id, filter, page * 5, 5, CancellationToken.None)).Rows.Select(r => r.Id));
            var next = await Records.SearchAsync(account.Id, filter, page * 5, 5, last, CancellationToken.None);
            keyset.AddRange(next.Rows.Select(r => r.Id));
            last = next.Rows.Count > 0 ? next.Rows[^1].Id : last;
        }

        ids.Reverse();
        Assert.Equal(ids, skipped);
        Assert.Equal(ids, keyset);
        Assert.Equal(ids, await Records.ExportAsync(account.Id, filter, CancellationToken.None).Select(r => r.Id).ToListAsync());
        Assert.Equal((23, false), await TotalAsync(account.Id, filter));
    }

    [Fact]
    public async Task ACommonWordStillCountsUpToTenThousandAndThenSaysMoreThan()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var messages = Enumerable.Range(0, MessageRecords.CountCap + 5)
            .Select(i => new Message { AccountId = account.Id, Mobile = "13700137" + (i % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Text = i % 2 == 0 ? $"【签名】验证码{i}" : $"【签名】订单{i}", Status = MessageStatus.Delivered, AcceptedAt = DateTimeOffset.UtcNow, Parts = 1, Door = SubmissionDoor.Console })
            .ToList();
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Messages.AddRange(messages.Take(6000));
            await db.SaveChangesAsync();
        }

        await CatchUpAsync();
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Messages.AddRange(messages.Skip(6000));
            await db.SaveChangesAsync();
        }

        Assert.Equal((MessageRecords.CountCap, true), await TotalAsync(account.Id, new RecordFilter(Content: "【签名】")));
        Assert.Equal(((MessageRecords.CountCap + 6) / 2, false), await TotalAsync(account.Id, new RecordFilter(Content: "验证码")));
        Assert.Equal((10, false), await TotalAsync(account.Id, new RecordFilter(Mobile: "37999")));
        Assert.Equal((MessageRecords.CountCap, true), await TotalAsync(account.Id, new RecordFilter(Mobile: "1370")));
    }

    [Fact]
    public async Task AMessageAcceptedJustNowIsFoundByItsTextAndNumber()
    {
        var account = await TestAccounts.CreateAsync(Portal, verified: true, paid: true);
        var api = new VendorClient(Portal.CreateClient());
        var first = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800135791", "918273", "1");
        Assert.Equal(2, first.Code);
        await CatchUpAsync();
        var second = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800135792", "918274", "1");
        Assert.Equal(2, second.Code);

        var byText = await Records.SearchAsync(account.Id, new RecordFilter(Content: "91827"), 0, 20, CancellationToken.None);
        var byNumber = await Records.SearchAsync(account.Id, new RecordFilter(Mobile: "0013579"), 0, 20, CancellationToken.None);

        Assert.Equal([second.SmsId, first.SmsId], byText.Rows.Select(r => r.SmsId));
        Assert.Equal([second.SmsId, first.SmsId], byNumber.Rows.Select(r => r.SmsId));
        Assert.Equal([second.SmsId], (await Records.SearchAsync(account.Id, new RecordFilter(Content: "918274"), 0, 20, CancellationToken.None)).Rows.Select(r => r.SmsId));
    }

    /// <summary>Moves the text index up to the newest message (SQLite); nothing to do where the database keeps it.</summary>
    protected abstract Task CatchUpAsync();

    protected async Task<long> AddAsync(int accountId, string mobile, string text, MessageStatus status = MessageStatus.Delivered)
    {
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var message = new Message { AccountId = accountId, Mobile = mobile, Text = text, Status = status, AcceptedAt = DateTimeOffset.UtcNow, Parts = 1, Door = SubmissionDoor.Console };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    protected async Task<List<long>> IdsAsync(int accountId, RecordFilter filter) =>
        (await Records.SearchAsync(accountId, filter, 0, MessageRecords.MaxPageSize, CancellationToken.None)).Rows.Select(r => r.Id).ToList();

    private async Task<(int Total, bool AtLeast)> TotalAsync(int accountId, RecordFilter filter)
    {
        var page = await Records.SearchAsync(accountId, filter, 0, 20, CancellationToken.None);
        return (page.Total, page.TotalIsAtLeast);
    }

    private async Task EveryFilterGivesTheScansRowsAsync(int accountId, string state)
    {
        var filters = Contents.Select(c => new RecordFilter(Content: c))
            .Concat(Mobiles.Select(m => new RecordFilter(Mobile: m)))
            .Append(new RecordFilter(Content: "快递通", Mobile: "1234"))
            .Append(new RecordFilter(Content: "ships", Mobile: "12"))
            .Append(new RecordFilter(RecordStatus.Delivered, Content: "验证码"))
            .Append(new RecordFilter(RecordStatus.Pending, Content: "【快递通】"));
        foreach (var filter in filters)
        {
            var expected = await ScanAsync(accountId, filter);
            var page = await Records.SearchAsync(accountId, filter, 0, MessageRecords.MaxPageSize, CancellationToken.None);
            Assert.True(expected.SequenceEqual(page.Rows.Select(r => r.Id)), $"{state}: {filter} found [{string.Join(", ", page.Rows.Select(r => r.Id))}], the scan [{string.Join(", ", expected)}]");
            Assert.Equal((expected.Count, false), (page.Total, page.TotalIsAtLeast));
        }
    }

    /// <summary>The filter as a scan of the account's messages: the stored number and text containing the search, ordinally (as C# and the old SQL compare).</summary>
    private async Task<List<long>> ScanAsync(int accountId, RecordFilter filter)
    {
        var rows = await Portal.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.AccountId == accountId).OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Mobile, m.Text, m.Status }).ToListAsync());
        var mobile = filter.Mobile?.Trim();
        var content = filter.Content?.Trim();
        return rows
            .Where(m => string.IsNullOrEmpty(mobile) || m.Mobile.Contains(mobile, StringComparison.Ordinal))
            .Where(m => string.IsNullOrEmpty(content) || m.Text.Contains(content, StringComparison.Ordinal))
            .Where(m => filter.Status switch
            {
                RecordStatus.Delivered => m.Status == MessageStatus.Delivered,
                RecordStatus.Pending => m.Status is MessageStatus.Accepted or MessageStatus.Submitted or MessageStatus.Dispatching,
                _ => true,
            })
            .Select(m => m.Id)
            .ToList();
    }
}
