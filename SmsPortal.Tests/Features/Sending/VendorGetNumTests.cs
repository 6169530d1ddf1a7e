using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

public sealed class VendorGetNumTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private VendorClient Api => new(fixture.Portal.CreateClient());

    [Theory]
    [InlineData(false, true)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public async Task GetNumAnswersTheBalanceWithTheKeyOrADynamicPassword(bool json, bool post)
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 321);
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var plain = await Api.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey }, json, post);
        var dynamic = await Api.CallAsync("GetNum", new Dictionary<string, string>
        {
            ["account"] = account.ApiId, ["password"] = DynamicPassword.ForGetNum(account.ApiId, account.ApiKey, time), ["time"] = time,
        }, json, post);

        Assert.Equal((2, "查询成功", "321"), (plain.Code, plain.Msg, plain.Num));
        Assert.Equal((2, "321"), (dynamic.Code, dynamic.Num));
    }

    [Theory]
    [InlineData("", "x", 401)]
    [InlineData("C10000001", "", 402)]
    [InlineData("C10000001", "wrongkey0123456789abcdef01234567", 405)]
    public async Task GetNumRefusalsAnswerZero(string account, string password, int code)
    {
        var answer = await Api.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account, ["password"] = password }, json: true);

        Assert.Equal(code, answer.Code);
        Assert.Equal("0", answer.Num);
    }

    [Fact]
    public async Task AFrozenAccountsGetNumIs4050()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal);
        await TestAccounts.SetAsync(fixture.Portal, account.Id, a => a.Status = SmsPortal.Domain.Accounts.AccountStatus.Frozen);

        var answer = await Api.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey });

        Assert.Equal(4050, answer.Code);
    }
}
