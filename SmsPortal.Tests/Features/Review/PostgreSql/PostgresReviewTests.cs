using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review.PostgreSql;

/// <summary>The review storage on PostgreSQL: decisions under concurrency, the word list's version, the queue's order, opt-outs.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresReviewTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    [Fact]
    public async Task TemplatesAreFiledQueuedOldestFirstAndDecidedOnceOnPostgreSql()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "PG Review Co");
        var templates = fixture.Portal.Service<TemplateReviewService>();
        var first = (await templates.FileAsync(account, "第一个【x】", TemplateKind.Notification)).TemplateId!.Value;
        var second = (await templates.FileAsync(account, "第二个【x】", TemplateKind.Notification)).TemplateId!.Value;
        var queue = fixture.Portal.Service<ReviewQueue>();

        var pending = await queue.PendingAsync(ReviewItemKind.Template, 0, 50, CancellationToken.None);
        var item = new ReviewItemRef(ReviewItemKind.Template, first);
        var decisions = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => queue.ApproveAsync(new Reviewer($"admin-{i}", $"admin{i}@example.com"), [item], CancellationToken.None)));
        await queue.RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, second), "太短", CancellationToken.None);

        Assert.Equal([first, second], pending.Rows.Where(r => r.AccountId == account).Select(r => r.Id));
        Assert.Equal(1, decisions.SelectMany(d => d).Count(r => r.Succeeded));
        Assert.Equal([MessageTemplate.DefaultId, first], (await templates.ApprovedForAccountAsync(account, CancellationToken.None)).Select(t => t.Id));
        var log = await fixture.Portal.Service<ReviewAuditLog>().SearchAsync(new AuditFilter(AccountId: account, Search: "第"), 0, 10, CancellationToken.None);
        Assert.Equal([(second, ReviewDecision.Rejected), (first, ReviewDecision.Approved)], log.Rows.Select(r => (r.ItemId, r.Decision)));
    }

    [Fact]
    public async Task AnotherNodeSeesTheWordListChangeOnPostgreSql()
    {
        var otherNode = new SensitiveWords(fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>(), TimeProvider.System, Options.Create(new ReviewOptions { SensitiveWordsRefreshSeconds = 0 }));
        var word = "pg词" + Guid.NewGuid().ToString("N")[..6];

        await fixture.Portal.Service<SensitiveWordList>().AddAsync([word], "admin", CancellationToken.None);

        Assert.Equal(word, (await otherNode.GetMatcherAsync(CancellationToken.None)).FindFirst("含" + word)?.Word);
    }

    [Fact]
    public async Task AnOptOutIsRecordedOnceOnPostgreSql()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var blacklist = fixture.Portal.Service<Blacklist>();

        var added = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => blacklist.AddOptOutAsync(account, "13812345678", CancellationToken.None)));

        Assert.Equal(1, added.Count(a => a));
        var rows = (await blacklist.SearchAsync(BlacklistScope.Account, account, null, BlockReason.OptOut, 0, 10, CancellationToken.None)).Rows;
        Assert.Equal("13812345678", Assert.Single(rows).Mobile);
        Assert.True(await blacklist.IsBlockedAsync(account, "+86 138 1234 5678", CancellationToken.None));
    }
}
