using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>Every result code of Submit through the real HTTP stack, in XML and JSON, by GET and POST.</summary>
public sealed class VendorSubmitTests : IAsyncLifetime
{
    private const string Code = "您的验证码是：{0}。请不要把验证码泄露给其他人。";
    private readonly PortalFactory _portal = new();
    private VendorClient _api = default!;

    public Task InitializeAsync()
    {
        _portal.Settings["Sending:SensitiveWords:0"] = "赌博";
        _portal.Settings["Sending:DeniedIps:0"] = "192.0.2.66";
        _api = new VendorClient(_portal.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    public static TheoryData<bool, bool> Styles() => new() { { false, true }, { false, false }, { true, true }, { true, false } };

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task TheDemoAccountSendsTheDefaultTemplate(bool json, bool post)
    {
        var answer = await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, Mobile(), "4821", "1", json, post);

        Assert.Equal(2, answer.Code);
        Assert.Equal("提交成功", answer.Msg);
        Assert.Matches("^[0-9]{20}$", answer.SmsId!);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task TextMatchingTheDefaultTemplateIsAcceptedWithoutATemplateId(bool json, bool post)
    {
        var answer = await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, "+86 138-0013-" + Random.Shared.Next(1000, 9999), string.Format(Code, "909090"), json: json, post: post);

        Assert.Equal(2, answer.Code);
    }

    [Theory]
    [InlineData("", "k", "13800138000", "1234", 401, "帐号不能为空")]
    [InlineData("C10000001", "", "13800138000", "1234", 402, "密码不能为空")]
    [InlineData("C10000001", "k", "", "1234", 403, "手机号码不能为空")]
    [InlineData("C10000001", "k", "13800138000", "", 404, "短信内容不能为空")]
    [InlineData("C10000001", "wrongkey0123456789abcdef01234567", "13800138000", "1234", 405, "API ID 或 API KEY 不正确")]
    [InlineData("C99999999", "wrongkey0123456789abcdef01234567", "13800138000", "1234", 405, "API ID 或 API KEY 不正确")]
    public async Task MissingOrWrongParametersGetTheirVendorCodes(string account, string password, string mobile, string content, int code, string msg)
    {
        foreach (var json in new[] { false, true })
        {
            var answer = await _api.SubmitAsync(account, password, mobile, content, json: json);

            Assert.Equal(code, answer.Code);
            Assert.Equal(msg, answer.Msg);
            Assert.Equal("0", answer.SmsId);
        }
    }

    [Theory]
    [InlineData("1380013800", 406)]
    [InlineData("23800138000", 406)]
    [InlineData("phone", 406)]
    public async Task ABadNumberIs406(string mobile, int code)
    {
        var answer = await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, mobile, "1234", "1");

        Assert.Equal(code, answer.Code);
        Assert.Equal("手机号码格式不正确", answer.Msg);
    }

    [Fact]
    public async Task AFrozenAccountIs4050()
    {
        var account = await TestAccounts.CreateAsync(_portal);
        await TestAccounts.SetAsync(_portal, account.Id, a => a.Status = SmsPortal.Domain.Accounts.AccountStatus.Frozen);

        var answer = await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "1234", "1");

        Assert.Equal(4050, answer.Code);
        Assert.Equal("账号被冻结", answer.Msg);
    }

    [Fact]
    public async Task ACallerOutsideTheBoundAddressesIs4052AndADeniedOneIs400()
    {
        var account = await TestAccounts.CreateAsync(_portal);
        await TestAccounts.SetAsync(_portal, account.Id, a => a.AllowedIps = "203.0.113.7, 203.0.113.8");

        Assert.Equal(4052, (await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "1234", "1", clientIp: "198.51.100.1")).Code);
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "1234", "1", clientIp: "203.0.113.8")).Code);
        Assert.Equal(400, (await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "1234", "1", clientIp: "192.0.2.66")).Code);
    }

    [Fact]
    public async Task ADynamicPasswordIsAcceptedInItsWindowAndRefusedOutsideItOrWhenWrong()
    {
        var mobile = Mobile();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var old = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Hash(string time) => DynamicPassword.ForSubmit(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, mobile, "5566", time);

        Assert.Equal(2, (await _api.SubmitAsync(PortalFactory.DemoApiId, Hash(now), mobile, "5566", "1", time: now)).Code);
        var expired = await _api.SubmitAsync(PortalFactory.DemoApiId, Hash(old), Mobile(), "5566", "1", time: old);
        Assert.Equal(40502, expired.Code); // the hash names the mobile it was made for: another mobile is a wrong hash
        var late = await _api.SubmitAsync(PortalFactory.DemoApiId, Hash(old), mobile, "5566", "1", time: old, json: true);
        Assert.Equal(40501, late.Code);
        Assert.Equal("动态密码已过期", late.Msg);
        var wrong = await _api.SubmitAsync(PortalFactory.DemoApiId, new string('a', 32), mobile, "5566", "1", time: now);
        Assert.Equal(40502, wrong.Code);
        Assert.Equal("动态密码校验失败", wrong.Msg);
    }

    [Theory]
    [InlineData("您的验证码是：赌博。请不要把验证码泄露给其他人。", null, 407, "短信内容含有敏感字符")]
    [InlineData("【A】您的验证码是：1234。请不要把验证码泄露给其他人。", null, 4070, "签名格式不正确")]
    [InlineData("【别人家】您的验证码是：1234。请不要把验证码泄露给其他人。", null, 4075, "签名未通过审核")]
    [InlineData("123456789", "1", 40722, "变量内容超过指定的长度【8】")]
    [InlineData("您的验证码是：12😀34。请不要把验证码泄露给其他人。", null, 4074, "短信内容包含emoji符号")]
    [InlineData("明天上午十点开会，请准时参加。", null, 4071, "没有提交备案模板")]
    public async Task ContentSignatureAndTemplateRulesGetTheirCodes(string content, string? templateId, int code, string msg)
    {
        var answer = await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, Mobile(), content, templateId, json: true);

        Assert.Equal(code, answer.Code);
        Assert.Equal(msg, answer.Msg);
    }

    [Fact]
    public async Task ContentLongerThanTheLimitIs4073()
    {
        var answer = await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, Mobile(), new string('长', 301));

        Assert.Equal(4073, answer.Code);
    }

    [Fact]
    public async Task AnAccountWithItsOwnTemplatesGets4072ForTextThatMatchesNoneAndSendsTheOnesThatMatch()
    {
        var account = await TestAccounts.CreateAsync(_portal, verified: true, paid: true, signatures: ["快递通"],
            templates: [("ship", "尊敬的【name】，您的订单【order】已发货。", TemplateKind.Notification)]);

        var mismatch = await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "【快递通】尊敬的张三，您的订单已取消。");
        var match = await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "【快递通】尊敬的张三，您的订单A1001已发货。");
        var byId = await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "李四|B2002", account.Templates["ship"].ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(4072, mismatch.Code);
        Assert.Equal("提交的短信内容与审核通过的模板内容不匹配", mismatch.Msg);
        Assert.Equal(2, match.Code);
        Assert.Equal(2, byId.Code);
        await using var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var texts = await db.Messages.Where(m => m.AccountId == account.Id).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync();
        Assert.Equal(["【快递通】尊敬的张三，您的订单A1001已发货。", "【快递通】尊敬的李四，您的订单B2002已发货。"], texts);
    }

    [Fact]
    public async Task AnAccountInTrialSendsOnlyTheDefaultTemplate()
    {
        var account = await TestAccounts.CreateAsync(_portal, verified: true, paid: false, signatures: ["快递通"],
            templates: [("ship", "您的订单【order】已发货。", TemplateKind.Notification)]);

        Assert.Equal(4075, (await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "【快递通】您的订单A1已发货。")).Code);
        Assert.Equal(4072, (await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "您的订单A1已发货。")).Code);
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "1234", "1")).Code);
    }

    [Fact]
    public async Task NotEnoughCreditsIs4051AndStoresNothing()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 1);

        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "1234", "1")).Code);
        var refused = await _api.SubmitAsync(account.ApiId, account.ApiKey, Mobile(), "1234", "1");

        Assert.Equal(4051, refused.Code);
        Assert.Equal("剩余条数不足", refused.Msg);
        await using var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.AccountId == account.Id));
    }

    [Fact]
    public async Task ANumberOnThePlatformBlacklistIs4030()
    {
        var mobile = Mobile();
        await using (var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.BlockedNumbers.Add(new BlockedNumber { Mobile = mobile, Reason = BlockReason.Manual, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var answer = await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, mobile, "1234", "1");

        Assert.Equal(4030, answer.Code);
        Assert.Equal("手机号码已被列入黑名单", answer.Msg);
    }

    [Fact]
    public async Task AnUnknownMethodIs0()
    {
        var answer = await _api.CallAsync("Fly", new Dictionary<string, string> { ["account"] = PortalFactory.DemoApiId });

        Assert.Equal(0, answer.Code);
        Assert.Equal("提交失败", answer.Msg);
    }

    private static string Mobile() => SmsPortal.Tests.Support.Numbers.Deliverable("139");
}
