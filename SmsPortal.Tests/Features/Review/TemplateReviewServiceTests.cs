using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

public sealed class TemplateReviewServiceTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private TemplateReviewService Templates => fixture.Portal.Service<TemplateReviewService>();

    [Fact]
    public async Task FilingCreatesAPendingTemplateAndAnswersItsId()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var filing = await Templates.FileAsync(account, "  您的订单【单号】已发货，请注意查收。 ", TemplateKind.Notification,
            new TemplateDetails("Shipping", ["20261120"], 12));

        Assert.Equal(ResultCode.Accepted, filing.Code);
        Assert.Equal("提交成功", filing.Message);
        var stored = await fixture.Portal.QueryAsync(db => db.MessageTemplates.SingleAsync(t => t.Id == filing.TemplateId));
        Assert.Equal(account, stored.AccountId);
        Assert.Equal("您的订单【单号】已发货，请注意查收。", stored.Text);
        Assert.Equal(ReviewState.Pending, stored.State);
        Assert.Equal("Shipping", stored.Name);
        Assert.Equal("20261120", stored.SampleValues);
        Assert.Equal(12, stored.MaxVariableLength);
    }

    [Fact]
    public async Task AnEmptyTemplateIs404AndNothingIsStored()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var filing = await Templates.FileAsync(account, " ", TemplateKind.Notification);

        Assert.Equal(ResultCode.ContentMissing, filing.Code);
        Assert.Equal("模板内容不能为空", filing.Message);
        Assert.Null(filing.TemplateId);
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.MessageTemplates.CountAsync(t => t.AccountId == account)));
    }

    [Fact]
    public async Task ASensitiveWordIs407AndNothingIsStored()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        await fixture.Portal.Service<SensitiveWordList>().AddAsync(["代开发票"], "admin", CancellationToken.None);

        var filing = await Templates.FileAsync(account, "优惠代开 发-票，详询【电话】", TemplateKind.Marketing);

        Assert.Equal(ResultCode.SensitiveWords, filing.Code);
        Assert.Equal("短信内容含有敏感字符", filing.Message);
        Assert.Equal("代开发票", filing.Fault!.Detail);
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.MessageTemplates.CountAsync(t => t.AccountId == account)));
    }

    [Fact]
    public async Task ABrokenPlaceholderIsRefusedWithAClearReason()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var filing = await Templates.FileAsync(account, "您的验证码是【code，5分钟内有效", TemplateKind.VerificationCode);

        Assert.Equal(ResultCode.Failed, filing.Code);
        Assert.Equal(TemplateProblem.BrokenPlaceholder, filing.Fault!.Problem);
        Assert.Equal("模板变量格式不正确：第7个字符处的【没有对应的】", filing.Message);
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.MessageTemplates.CountAsync(t => t.AccountId == account)));
    }

    [Fact]
    public async Task FilingTheSameTextAgainAnswersTheSameTemplate()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var first = await Templates.FileAsync(account, "验证码【code】，勿告诉他人", TemplateKind.VerificationCode);
        var again = await Templates.FileAsync(account, "验证码【code】，勿告诉他人", TemplateKind.VerificationCode);
        var other = await Templates.FileAsync(await ReviewData.NewAccountAsync(fixture.Portal), "验证码【code】，勿告诉他人", TemplateKind.VerificationCode);

        Assert.Equal(first.TemplateId, again.TemplateId);
        Assert.NotEqual(first.TemplateId, other.TemplateId);
    }

    [Fact]
    public async Task ThePipelineReadsTheAccountsApprovedTemplatesAndThePlatforms()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var approved = (await Templates.FileAsync(account, "您的会员积分【积分】已到账", TemplateKind.Notification)).TemplateId!.Value;
        var rejected = (await Templates.FileAsync(account, "双十一大促【链接】", TemplateKind.Marketing)).TemplateId!.Value;
        var pending = (await Templates.FileAsync(account, "您的包裹【单号】已签收", TemplateKind.Notification)).TemplateId!.Value;
        var elsewhere = (await Templates.FileAsync(await ReviewData.NewAccountAsync(fixture.Portal), "别家的模板【x】", TemplateKind.Notification)).TemplateId!.Value;
        var queue = fixture.Portal.Service<ReviewQueue>();
        await queue.ApproveAsync(ReviewData.Admin, [new(ReviewItemKind.Template, approved), new(ReviewItemKind.Template, elsewhere)], CancellationToken.None);
        await queue.RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, rejected), "营销短信需要加退订方式", CancellationToken.None);

        var ids = (await Templates.ApprovedForAccountAsync(account, CancellationToken.None)).Select(t => t.Id).ToList();

        Assert.Contains(MessageTemplate.DefaultId, ids);
        Assert.Contains(approved, ids);
        Assert.DoesNotContain(rejected, ids);
        Assert.DoesNotContain(pending, ids);
        Assert.DoesNotContain(elsewhere, ids);
    }

    [Fact]
    public async Task ARejectedTemplateIsCorrectedAndHandedInAgain()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var id = (await Templates.FileAsync(account, "点击领取【链接】", TemplateKind.Marketing)).TemplateId!.Value;
        Assert.False((await Templates.ResubmitAsync(account, id, "点击领取【链接】，回T退订", TemplateKind.Marketing)).IsFiled);
        await fixture.Portal.Service<ReviewQueue>().RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, id), "营销短信需要加退订方式", CancellationToken.None);

        var again = await Templates.ResubmitAsync(account, id, "点击领取【链接】，回T退订", TemplateKind.Marketing);

        Assert.Equal(id, again.TemplateId);
        var row = await Templates.GetAsync(account, id, CancellationToken.None);
        Assert.Equal(ReviewState.Pending, row!.State);
        Assert.Equal("点击领取【链接】，回T退订", row.Text);
        Assert.Null(row.RejectionReason);
    }

    [Fact]
    public async Task AnAccountIsInTrialUntilVerifiedAndPaid()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var trial = await Templates.GetTrialStatusAsync(account, CancellationToken.None);

        Assert.True(trial.InTrial);
        Assert.False(trial.IsVerified);
        Assert.False(trial.HasPaid);
    }
}
