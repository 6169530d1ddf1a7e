using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// The vendor's international product (/webservice/isms.php, /isms/Submit.json, /isms/GetNum.json, decision 0035): the
/// domestic product's parameters, dynamic password, answers and codes, for numbers abroad only, charged in money; GetNum's
/// num is the money balance in yuan. Through the real HTTP stack, with the simulator delivering.
/// </summary>
public sealed class InternationalVendorApiTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private VendorClient _isms = default!;

    public async Task InitializeAsync()
    {
        InternationalWorld.AllowAbroad(_portal);
        _isms = new VendorClient(_portal.CreateClient(), "isms");
        await InternationalWorld.PlatformPricesAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task NumbersAbroadInEveryWrittenFormAreChargedInMoneyAndGetNumAnswersTheMoneyInYuan()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(_portal, account.Id, 1000);

        var vendorForm = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "852 91234567", "1234", "1");
        var plus = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "+852 9123 4568", "1234", "1", json: true);
        var zeros = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "00852 91234569", "1234", "1", post: false);
        var network = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "852 61234567", "1234", "1", json: true, post: false);

        Assert.All(new[] { vendorForm, plus, zeros, network }, a => Assert.Equal((2, "提交成功"), (a.Code, a.Msg)));
        Assert.All(new[] { vendorForm, plus, zeros, network }, a => Assert.Matches("^[0-9]{20}$", a.SmsId!));
        foreach (var (answer, mobile, fen) in new[] { (vendorForm, "852 91234567", 30L), (plus, "852 91234568", 30L), (zeros, "852 91234569", 30L), (network, "852 61234567", 45L) })
        {
            var message = await _portal.MessageWhenAsync(answer.SmsId!, m => m.IsFinal);
            Assert.Equal((mobile, "852", fen), (message.Mobile, message.Country, message.PriceFen));
        }

        Assert.Equal(100, await _portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(1000 - 30 - 30 - 30 - 45, await InternationalWorld.MoneyAsync(_portal, account.Id));

        var xml = await _isms.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey });
        var json = await _isms.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey }, json: true);
        Assert.Equal((2, "查询成功", "8.65"), (xml.Code, xml.Msg, xml.Num));
        Assert.Equal((2, "查询成功", "8.65"), (json.Code, json.Msg, json.Num));
    }

    [Fact]
    public async Task AMainlandNumberIsRefused406OnTheInternationalProductAndNothingIsCharged()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(_portal, account.Id, 1000);
        var entries = await InternationalWorld.EntriesAsync(_portal, account.Id);

        foreach (var mobile in new[] { "13800138000", "86 13800138000", "+86 138 0013 8000", "008613800138000" })
        {
            var answer = await _isms.SubmitAsync(account.ApiId, account.ApiKey, mobile, "1234", "1");
            Assert.Equal((406, "手机号码格式不正确", "0"), (answer.Code, answer.Msg, answer.SmsId));
        }

        // The domestic product still sends it, in credits.
        var domestic = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "13800138000", "1234", "1");
        Assert.Equal(2, domestic.Code);
        Assert.Equal(entries + 1, await InternationalWorld.EntriesAsync(_portal, account.Id));
        Assert.Equal(1, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
        Assert.Equal((99L, 1000L), (await _portal.CheckedBalanceAsync(account.Id), await InternationalWorld.MoneyAsync(_portal, account.Id)));
    }

    [Fact]
    public async Task TheDynamicPasswordAndTheVendorsRefusalsWorkAsOnTheDomesticProduct()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(_portal, account.Id, 40);
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // md5(account + apikey + mobile + content + time), the mobile exactly as sent, space and all.
        var hash = Md5(account.ApiId + account.ApiKey + "852 91234570" + "1234" + time);
        var dynamic = await _isms.SubmitAsync(account.ApiId, hash, "852 91234570", "1234", "1", time: time);
        var wrongHash = await _isms.SubmitAsync(account.ApiId, Md5("not it" + time), "852 91234571", "1234", "1", time: time);
        var wrongKey = await _isms.SubmitAsync(account.ApiId, "0123456789abcdef0123456789abcdef", "852 91234572", "1234", "1");
        var noAccount = await _isms.CallAsync("Submit", new Dictionary<string, string> { ["password"] = account.ApiKey, ["mobile"] = "852 91234573", ["content"] = "1234" });
        var noMobile = await _isms.CallAsync("Submit", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey, ["content"] = "1234" });
        var badNumber = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "852 1234", "1234", "1");
        var noPrice = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "81 9012345678", "1234", "1");
        var notAllowed = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "65 81234567", "1234", "1", json: true);
        var shortMoney = await _isms.SubmitAsync(account.ApiId, account.ApiKey, "44 7911123458", "1234", "1");
        var unknownMethod = await _isms.CallAsync("AddTemplate", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey, ["content"] = "您的验证码是【变量】" });

        Assert.Equal(2, dynamic.Code);
        Assert.Equal((40502, "动态密码校验失败"), (wrongHash.Code, wrongHash.Msg));
        Assert.Equal(405, wrongKey.Code);
        Assert.Equal((401, 403, 406), (noAccount.Code, noMobile.Code, badNumber.Code));
        Assert.Equal(4033, noPrice.Code);
        Assert.Equal(4032, notAllowed.Code);
        Assert.Equal((4051, "剩余条数不足"), (shortMoney.Code, shortMoney.Msg));
        Assert.Equal((0, "提交失败"), (unknownMethod.Code, unknownMethod.Msg));
        Assert.Equal(40 - 30, await InternationalWorld.MoneyAsync(_portal, account.Id));
        Assert.Equal(1, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));

        var getNum = await _isms.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = Md5(account.ApiId + account.ApiKey + time), ["time"] = time }, json: true);
        var getNumWrong = await _isms.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = Md5("wrong" + time), ["time"] = time });
        Assert.Equal((2, "0.10"), (getNum.Code, getNum.Num));
        Assert.Equal((405, "0"), (getNumWrong.Code, getNumWrong.Num));
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
