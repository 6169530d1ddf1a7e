using Bunit;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Review.Admin;

namespace SmsPortal.Tests.Features.Review;

public sealed class ReviewQueuePageTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private ReviewComponentContext _ui = default!;

    public Task InitializeAsync()
    {
        _ui = new ReviewComponentContext(fixture.Portal);
        _ui.SignInAdmin();
        _ui.RenderProviders();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [Fact]
    public async Task TheQueueListsEveryKindOldestFirstWithItsWaitAndOpensTheOldest()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "Queue Page Co");
        var tag = Tag();
        await FileTemplateAsync(account, $"最早的模板{tag}【x】");
        await fixture.Portal.Service<SignatureService>().FileAsync(account, $"签名{tag}", SignaturePurpose.App, ReviewData.Stream(ReviewData.Png()), CancellationToken.None);
        await FileTemplateAsync(account, $"最新的模板{tag}【x】");

        var page = _ui.Context.Render<ReviewQueuePage>();

        page.WaitForAssertion(() => Assert.Equal(
            [$"最早的模板{tag}【x】", $"【签名{tag}】", $"最新的模板{tag}【x】"],
            page.FindAll("[data-testid=queue-row] .sp-queue-subject").Select(e => e.TextContent).Where(t => t.Contains(tag, StringComparison.Ordinal))));
        Assert.All(page.FindAll("[data-testid=waited]"), w => Assert.Matches(@"^\d+ min$", w.TextContent.Trim()));
        Assert.Contains("Queue Page Co", page.Markup, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("Template #", page.Find("[data-testid=queue-detail]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApprovingFromTheDetailDecidesTheItemAndWritesTheAuditLog()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "Approve Page Co");
        var tag = Tag();
        var id = await FileTemplateAsync(account, $"您的验证码【code】{tag}", ["123456"]);
        var page = _ui.Context.Render<ReviewQueuePage>();

        await OpenAsync(page, tag);
        page.WaitForAssertion(() => Assert.Contains($"【SmsPortal】您的验证码123456{tag}", page.Find("[data-testid=detail-preview]").TextContent, StringComparison.Ordinal));
        await page.Find("button[data-testid=approve]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.DoesNotContain(tag, page.Find("[data-testid=queue]").TextContent, StringComparison.Ordinal));
        var entry = await fixture.Portal.QueryAsync(db => db.ReviewAuditEntries.SingleAsync(e => e.ItemKind == ReviewItemKind.Template && e.ItemId == id));
        Assert.Equal((ReviewDecision.Approved, "bunit-admin", PortalFactory.AdminEmail), (entry.Decision, entry.ReviewerId, entry.ReviewerName));
        Assert.Equal(ReviewState.Approved, await StateAsync(id));
    }

    [Fact]
    public async Task ARejectionTakesAReasonPickedFromTheListOrWritten()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "Reject Page Co");
        var tag = Tag();
        var id = await FileTemplateAsync(account, $"全场五折{tag}【link】");
        var page = _ui.Context.Render<ReviewQueuePage>();
        await OpenAsync(page, tag);

        Assert.True(page.Find("button[data-testid=reject]").HasAttribute("disabled"));
        page.Find("textarea[data-testid=reason]").Input("营销短信须包含退订方式");
        await page.Find("button[data-testid=reject]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.DoesNotContain(tag, page.Find("[data-testid=queue]").TextContent, StringComparison.Ordinal));
        var row = await fixture.Portal.Service<TemplateReviewService>().GetAsync(account, id, CancellationToken.None);
        Assert.Equal((ReviewState.Rejected, "营销短信须包含退订方式"), (row!.State, row.RejectionReason));
    }

    [Fact]
    public async Task SelectedItemsAreApprovedTogether()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "Bulk Page Co");
        var tag = Tag();
        var first = await FileTemplateAsync(account, $"批量一{tag}【x】");
        var second = await FileTemplateAsync(account, $"批量二{tag}【x】");
        var untouched = await FileTemplateAsync(account, $"不选{tag}【x】");
        var page = _ui.Context.Render<ReviewQueuePage>();
        page.WaitForAssertion(() => Assert.Contains($"批量二{tag}", page.Markup, StringComparison.Ordinal));

        foreach (var text in new[] { $"批量一{tag}", $"批量二{tag}" })
        {
            var row = page.FindAll("tr").First(r => r.TextContent.Contains(text, StringComparison.Ordinal));
            await row.QuerySelector("input[type=checkbox]")!.ChangeAsync(new() { Value = true });
        }

        page.WaitForAssertion(() => Assert.Contains("Approve selected (2)", page.Find("button[data-testid=bulk-approve]").TextContent, StringComparison.Ordinal));
        await page.Find("button[data-testid=bulk-approve]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.DoesNotContain($"批量一{tag}", page.Find("[data-testid=queue]").TextContent, StringComparison.Ordinal));
        Assert.Equal(ReviewState.Approved, await StateAsync(first));
        Assert.Equal(ReviewState.Approved, await StateAsync(second));
        Assert.Equal(ReviewState.Pending, await StateAsync(untouched));
    }

    [Fact]
    public async Task TheDetailShowsTheAccountsPastDecisions()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "History Page Co");
        var tag = Tag();
        var old = await FileTemplateAsync(account, $"旧模板{tag}【x】");
        await fixture.Portal.Service<ReviewQueue>().RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, old), "变量过多", CancellationToken.None);
        await FileTemplateAsync(account, $"新模板{tag}【x】");
        var page = _ui.Context.Render<ReviewQueuePage>();

        await OpenAsync(page, $"新模板{tag}");

        page.WaitForAssertion(() =>
        {
            var history = page.Find("[data-testid=history]").TextContent;
            Assert.Contains($"Template #{old}", history, StringComparison.Ordinal);
            Assert.Contains("Rejected", history, StringComparison.Ordinal);
            Assert.Contains("变量过多", history, StringComparison.Ordinal);
        });
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private async Task<int> FileTemplateAsync(int account, string text, IReadOnlyList<string>? samples = null) =>
        (await fixture.Portal.Service<TemplateReviewService>().FileAsync(account, text, TemplateKind.Notification, new TemplateDetails(SampleValues: samples))).TemplateId!.Value;

    private async Task<ReviewState> StateAsync(int templateId) =>
        await fixture.Portal.QueryAsync(db => db.MessageTemplates.Where(t => t.Id == templateId).Select(t => t.State).SingleAsync());

    private static async Task OpenAsync(IRenderedComponent<ReviewQueuePage> page, string text)
    {
        page.WaitForAssertion(() => Assert.Contains(text, page.Find("[data-testid=queue]").TextContent, StringComparison.Ordinal));
        await page.FindAll("[data-testid=queue-row]").First(r => r.TextContent.Contains(text, StringComparison.Ordinal)).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains(text, page.Find("[data-testid=queue-detail]").TextContent, StringComparison.Ordinal));
    }
}
