using Bunit;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Review;

namespace SmsPortal.Tests.Features.Review;

public sealed class TemplateFormTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private ReviewComponentContext _ui = default!;
    private int _account;

    public async Task InitializeAsync()
    {
        _ui = new ReviewComponentContext(fixture.Portal);
        _account = await ReviewData.NewAccountAsync(fixture.Portal, "Form Test Co");
        _ui.SignInCustomer(_account);
        _ui.RenderProviders();
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [Fact]
    public void ABrokenPlaceholderIsExplainedAsItIsTyped()
    {
        var form = _ui.Context.Render<TemplateForm>();

        form.Find("textarea[data-testid=template-text]").Input("您的验证码是【code，5分钟内有效");

        form.WaitForAssertion(() => Assert.Contains("The 【 at character 7 has no closing 】.", form.Markup, StringComparison.Ordinal));
        form.Find("textarea[data-testid=template-text]").Input("您的验证码是【1code】");
        form.WaitForAssertion(() => Assert.Contains("【1code】 is not a variable name", form.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABrokenTemplateIsRefusedOnSubmitAndNothingIsFiled()
    {
        var filed = new List<int>();
        var form = _ui.Context.Render<TemplateForm>(p => p.Add(f => f.OnFiled, id => filed.Add(id)));

        form.Find("textarea[data-testid=template-text]").Input("尊敬的【】客户");
        await form.Find("button[data-testid=template-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("has no variable name inside", form.Find("[data-testid=template-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(filed);
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.MessageTemplates.CountAsync(t => t.AccountId == _account)));
    }

    [Fact]
    public async Task TheFormPreviewsTheSmsAndFilesTheTemplateWithItsSamples()
    {
        var filed = new List<int>();
        var form = _ui.Context.Render<TemplateForm>(p => p.Add(f => f.OnFiled, id => filed.Add(id)));

        form.Find("textarea[data-testid=template-text]").Input("您的订单【order】已由【courier】发出");
        form.WaitForAssertion(() => Assert.Equal(2, form.FindAll("[data-testid=template-samples] input").Count));
        form.Find("input[data-testid=sample-0]").Input("A1024");
        form.Find("input[data-testid=sample-1]").Input("顺丰");
        form.Find("input[data-testid=template-name]").Change("Shipping");

        form.WaitForAssertion(() => Assert.Equal("【SmsPortal】您的订单A1024已由顺丰发出", form.Find("[data-testid=template-preview]").TextContent));
        Assert.Contains("26 characters · 1 SMS", form.Find("[data-testid=template-size]").TextContent, StringComparison.Ordinal);
        await form.Find("button[data-testid=template-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Single(filed));
        var stored = await fixture.Portal.QueryAsync(db => db.MessageTemplates.SingleAsync(t => t.Id == filed[0]));
        Assert.Equal((_account, "您的订单【order】已由【courier】发出", "A1024|顺丰", "Shipping", ReviewState.Pending, TemplateKind.Notification),
            (stored.AccountId!.Value, stored.Text, stored.SampleValues, stored.Name, stored.State, stored.Kind));
    }

    [Fact]
    public async Task ASensitiveWordIsNamedAndNothingIsFiled()
    {
        await fixture.Portal.Service<SensitiveWordList>().AddAsync(["刷单返利"], "admin", CancellationToken.None);
        var form = _ui.Context.Render<TemplateForm>();

        form.Find("textarea[data-testid=template-text]").Input("招聘兼职，刷 单 返 利，日结【amount】元");
        await form.Find("button[data-testid=template-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal("The text contains a word that is not allowed: 刷单返利", form.Find("[data-testid=template-error]").TextContent.Trim()));
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.MessageTemplates.CountAsync(t => t.AccountId == _account)));
    }

    [Fact]
    public async Task ARejectedTemplateOpensFilledInAndIsHandedInAgain()
    {
        var templates = fixture.Portal.Service<TemplateReviewService>();
        var id = (await templates.FileAsync(_account, "点击领取【link】", TemplateKind.Marketing, new TemplateDetails("Promo", ["t.cn/x"]))).TemplateId!.Value;
        await fixture.Portal.Service<ReviewQueue>().RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, id), "营销短信须包含退订方式", CancellationToken.None);
        var filed = new List<int>();

        var form = _ui.Context.Render<TemplateForm>(p => p.Add(f => f.TemplateId, id).Add(f => f.OnFiled, x => filed.Add(x)));
        form.WaitForAssertion(() => Assert.Equal("点击领取【link】", form.Find("textarea[data-testid=template-text]").GetAttribute("value") ?? form.Find("textarea[data-testid=template-text]").TextContent));
        form.Find("textarea[data-testid=template-text]").Input("点击领取【link】，回T退订");
        await form.Find("button[data-testid=template-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal([id], filed));
        var row = await templates.GetAsync(_account, id, CancellationToken.None);
        Assert.Equal((ReviewState.Pending, "点击领取【link】，回T退订", "t.cn/x"), (row!.State, row.Text, row.SampleValues));
    }
}
