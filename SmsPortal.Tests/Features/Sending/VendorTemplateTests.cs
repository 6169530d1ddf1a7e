using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>AddTemplate through the vendor API, and what review decisions mean for Submit.</summary>
public sealed class VendorTemplateTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddTemplateFilesAPendingTemplateAndAnswersItsId(bool json)
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var api = new VendorClient(Portal.CreateClient());

        var answer = await api.CallAsync("AddTemplate", new Dictionary<string, string>
        {
            ["account"] = account.ApiId, ["password"] = account.ApiKey, ["content"] = "您的快递【code】已到，请凭取件码取件。" + (json ? "谢谢" : ""),
        }, json);

        Assert.Equal(2, answer.Code);
        Assert.Equal("提交成功", answer.Msg);
        var id = int.Parse(answer.TemplateId!, System.Globalization.CultureInfo.InvariantCulture);
        var pending = await Portal.Service<ReviewQueue>().PendingAsync(ReviewItemKind.Template, 0, 500, CancellationToken.None);
        Assert.Contains(pending.Rows, r => r.Id == id && r.Kind == ReviewItemKind.Template);
    }

    [Theory]
    [InlineData("", 404, "模板内容不能为空")]
    [InlineData("您的赌博验证码【code】", 407, "短信内容含有敏感字符")]
    public async Task AddTemplateRefusesEmptyOrSensitiveContent(string content, int code, string msg)
    {
        var account = await TestAccounts.CreateAsync(Portal);
        await AddWordAsync("赌博");

        var answer = await new VendorClient(Portal.CreateClient()).CallAsync("AddTemplate", new Dictionary<string, string>
        {
            ["account"] = account.ApiId, ["password"] = account.ApiKey, ["content"] = content,
        });

        Assert.Equal(code, answer.Code);
        Assert.Equal(msg, answer.Msg);
    }

    [Fact]
    public async Task AfterReviewTheApprovedTemplateSendsAndTheRejectedOneIs4072()
    {
        var account = await TestAccounts.CreateAsync(Portal, verified: true, paid: true, signatures: ["快递通"]);
        var api = new VendorClient(Portal.CreateClient());
        async Task<int> FileAsync(string text) => int.Parse((await api.CallAsync("AddTemplate", new Dictionary<string, string>
        {
            ["account"] = account.ApiId, ["password"] = account.ApiKey, ["content"] = text,
        })).TemplateId!, System.Globalization.CultureInfo.InvariantCulture);
        var approved = await FileAsync("您的订单【order】已发货。");
        var rejected = await FileAsync("全场五折，【link】立即抢购。");
        var queue = Portal.Service<ReviewQueue>();
        var admin = new Reviewer("admin", PortalFactory.AdminEmail);

        await queue.ApproveAsync(admin, [new ReviewItemRef(ReviewItemKind.Template, approved)], CancellationToken.None);
        await queue.RejectAsync(admin, new ReviewItemRef(ReviewItemKind.Template, rejected), "营销内容需单独报备", CancellationToken.None);
        Portal.Service<SmsPortal.Infrastructure.Sending.SendingProfiles>().ForgetAll();

        Assert.Equal(2, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138301", "【快递通】您的订单SF1001已发货。")).Code);
        Assert.Equal(4072, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138302", "【快递通】全场五折，x.cn立即抢购。")).Code);
        Assert.Equal(4072, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138303", "x.cn", rejected.ToString(System.Globalization.CultureInfo.InvariantCulture))).Code);
    }

    private async Task AddWordAsync(string word)
    {
        var list = Portal.Service<SensitiveWordList>();
        await list.AddAsync([word], "test", CancellationToken.None);
    }
}
