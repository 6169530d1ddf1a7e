using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>Every rule of Verify through the REST door, on a real SQLite file, with the portal's clock moved by hand.</summary>
public sealed class VerifyRulesTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _portal = new();
    private TestAccounts.Made _account = default!;
    private VerifyRestClient _api = default!;

    public async Task InitializeAsync()
    {
        _portal.Clock = _clock;
        _account = await TestAccounts.CreateAsync(_portal, credits: 1_000, verified: true, paid: true, signatures: ["快递通"],
            templates: [("two", "您的验证码是【code】，有效期【minutes】分钟。", TemplateKind.VerificationCode), ("long", "登录码【code】，请勿告诉他人。", TemplateKind.VerificationCode)]);
        _api = VerifyRestClient.For(_portal, _account.ApiId, _account.ApiKey);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ARightCodeIsApprovedOnceAndThenNoLongerFound()
    {
        var service = await _api.CreateServiceAsync(new { name = "Login" });
        var mobile = VerifyRestClient.NewMobile();
        var (sid, _, code) = await _api.StartAndReadAsync(service, mobile);

        var first = await _api.CheckAsync(service, mobile, code);
        var second = await _api.CheckAsync(service, mobile, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var approved = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(approved.GetProperty("valid").GetBoolean());
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(sid, approved.GetProperty("sid").GetString());
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(4095, await VerifyRestClient.CodeOfProblemAsync(second));
    }

    [Fact]
    public async Task ParallelChecksWithTheRightCodeApproveExactlyOnce()
    {
        var service = await _api.CreateServiceAsync(new { name = "Race" });
        var mobile = VerifyRestClient.NewMobile();
        var (_, _, code) = await _api.StartAndReadAsync(service, mobile);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.CheckAsync(service, mobile, code)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
    }

    [Fact]
    public async Task WrongChecksCountAndTheLastAllowedOneEndsTheCode()
    {
        var service = await _api.CreateServiceAsync(new { name = "Attempts", maxAttempts = 3 });
        var mobile = VerifyRestClient.NewMobile();
        var (_, _, code) = await _api.StartAndReadAsync(service, mobile);
        var wrong = code == "000000" ? "111111" : "000000";

        var statuses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var answer = await (await _api.CheckAsync(service, mobile, wrong)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(answer.GetProperty("valid").GetBoolean());
            statuses.Add(answer.GetProperty("status").GetString()!);
        }

        var rightButTooLate = await _api.CheckAsync(service, mobile, code);

        Assert.Equal(["pending", "pending", "max_attempts_reached"], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButTooLate.StatusCode);
        Assert.Equal(4097, await VerifyRestClient.CodeOfProblemAsync(rightButTooLate));
    }

    [Fact]
    public async Task ACodeStopsWorkingWhenItsLifetimeEnds()
    {
        var service = await _api.CreateServiceAsync(new { name = "Short", lifetimeMinutes = 2 });
        var mobile = VerifyRestClient.NewMobile();
        var (sid, _, code) = await _api.StartAndReadAsync(service, mobile);

        _clock.Advance(TimeSpan.FromSeconds(119));
        var stillPending = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/verify/services/{service}/verifications/{sid}");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var late = await _api.CheckAsync(service, mobile, code);
        var after = await _api.StartAndReadAsync(service, mobile);

        Assert.Equal("pending", stillPending.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(4096, await VerifyRestClient.CodeOfProblemAsync(late));
        Assert.NotEqual(sid, after.Sid);
    }

    [Fact]
    public async Task ANewStartInsideTheGapIsRefusedAndAfterItResendsTheSameCode()
    {
        var service = await _api.CreateServiceAsync(new { name = "Gap", minGapSeconds = 90 });
        var mobile = VerifyRestClient.NewMobile();
        var (sid, smsId, code) = await _api.StartAndReadAsync(service, mobile);

        _clock.Advance(TimeSpan.FromSeconds(89));
        var tooSoon = await _api.StartAsync(service, mobile);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var again = await _api.StartAndReadAsync(service, mobile);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal(4094, await VerifyRestClient.CodeOfProblemAsync(tooSoon));
        Assert.Equal("1", tooSoon.Headers.RetryAfter!.ToString());
        Assert.Equal(sid, again.Sid);
        Assert.NotEqual(smsId, again.SmsId);
        Assert.Equal(code, again.Code);
        Assert.Equal(HttpStatusCode.OK, (await _api.CheckAsync(service, mobile, code)).StatusCode);
    }

    [Fact]
    public async Task ParallelStartsToOneNumberSendOneCode()
    {
        var service = await _api.CreateServiceAsync(new { name = "One pending" });
        var mobile = VerifyRestClient.NewMobile();
        var balance = await BalanceAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _api.StartAsync(service, mobile)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Equal(balance - 1, await BalanceAsync());
        Assert.Equal(1, await _portal.QueryAsync(db => db.Verifications.CountAsync(v => v.Mobile == mobile)));
    }

    [Fact]
    public async Task EachSendIsChargedAndARefusedSendLeavesNoVerification()
    {
        var service = await _api.CreateServiceAsync(new { name = "Charged" });
        var before = await BalanceAsync();
        await _api.StartAndReadAsync(service, VerifyRestClient.NewMobile());
        Assert.Equal(before - 1, await BalanceAsync());

        var poor = await TestAccounts.CreateAsync(_portal, credits: 0, verified: true, paid: false);
        var poorApi = VerifyRestClient.For(_portal, poor.ApiId, poor.ApiKey);
        var poorService = await poorApi.CreateServiceAsync(new { name = "Poor" });
        var refused = await poorApi.StartAsync(poorService, VerifyRestClient.NewMobile());

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal(4051, await VerifyRestClient.CodeOfProblemAsync(refused));
        Assert.Equal(0, await _portal.QueryAsync(db => db.Verifications.CountAsync(v => v.AccountId == poor.Id)));
    }

    [Fact]
    public async Task CodesFollowTheServicesAlphabetAndLengthAndLettersCheckWithoutCase()
    {
        var letters = await _api.CreateServiceAsync(new { name = "Letters", alphabet = "letters", codeLength = 8 });
        var mixed = await _api.CreateServiceAsync(new { name = "Mixed", alphabet = "mixed", codeLength = 4 });
        var digits = await _api.CreateServiceAsync(new { name = "Digits", codeLength = 4 });
        var mobile = VerifyRestClient.NewMobile();

        var letterCode = (await _api.StartAndReadAsync(letters, mobile)).Code;
        _clock.Advance(TimeSpan.FromSeconds(2));
        var mixedCode = (await _api.StartAndReadAsync(mixed, mobile)).Code;
        _clock.Advance(TimeSpan.FromSeconds(2));
        var digitCode = (await _api.StartAndReadAsync(digits, mobile)).Code;

        Assert.Matches("^[A-HJ-NP-Z]{8}$", letterCode);
        Assert.Matches("^[2-9A-HJ-NP-Z]{4}$", mixedCode);
        Assert.Matches("^[0-9]{4}$", digitCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.CheckAsync(letters, mobile, letterCode.ToLowerInvariant())).StatusCode);
    }

    [Theory]
    [InlineData("codeLength", 3)]
    [InlineData("codeLength", 11)]
    [InlineData("lifetimeMinutes", 0)]
    [InlineData("lifetimeMinutes", 31)]
    [InlineData("maxAttempts", 0)]
    [InlineData("minGapSeconds", 30)]
    public async Task SettingsOutsideTheirRangeAreRefusedAndStoreNothing(string field, int value)
    {
        var before = await _portal.QueryAsync(db => db.VerifyServices.CountAsync());
        var settings = new Dictionary<string, object> { ["name"] = "Bad", [field] = value };

        var response = await _api.Http.PostAsJsonAsync("/api/v1/verify/services", settings);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4091, problem.GetProperty("code").GetInt32());
        Assert.Contains(field, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await _portal.QueryAsync(db => db.VerifyServices.CountAsync()));
    }

    [Fact]
    public async Task ATemplateMustBeApprovedHaveOneVariableAndRoomForTheCode()
    {
        var two = await _api.Http.PostAsJsonAsync("/api/v1/verify/services", new { name = "Two", templateId = _account.Templates["two"] });
        var tooLong = await _api.Http.PostAsJsonAsync("/api/v1/verify/services", new { name = "Ten", codeLength = 10 });
        var unknown = await _api.Http.PostAsJsonAsync("/api/v1/verify/services", new { name = "Unknown", templateId = 99_999 });
        var own = await _api.CreateServiceAsync(new { name = "Own", templateId = _account.Templates["long"] });
        var mobile = VerifyRestClient.NewMobile();
        var started = await (await _api.StartAsync(own, mobile)).Content.ReadFromJsonAsync<JsonElement>();
        var text = (await _api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{started.GetProperty("smsId").GetString()}")).GetProperty("text").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.Contains("exactly one variable", await two.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 8 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Matches("^【快递通】登录码[0-9]{6}，请勿告诉他人。$", text);
    }

    [Fact]
    public async Task NumbersOutsideTheAllowedCountriesAreRefusedWithoutACharge()
    {
        var service = await _api.CreateServiceAsync(new { name = "Hong Kong only", allowedCountries = new[] { "+852" } });
        var before = await BalanceAsync();

        var mainland = await _api.StartAsync(service, VerifyRestClient.NewMobile());

        Assert.Equal(HttpStatusCode.Forbidden, mainland.StatusCode);
        Assert.Equal(4093, await VerifyRestClient.CodeOfProblemAsync(mainland));
        Assert.Equal(before, await BalanceAsync());
    }

    [Fact]
    public async Task AnotherAccountCanNeitherUseNorSeeTheService()
    {
        var service = await _api.CreateServiceAsync(new { name = "Mine" });
        var mobile = VerifyRestClient.NewMobile();
        var (sid, _, code) = await _api.StartAndReadAsync(service, mobile);
        var other = await TestAccounts.CreateAsync(_portal, credits: 10, verified: true, paid: true);
        var otherApi = VerifyRestClient.For(_portal, other.ApiId, other.ApiKey);

        var start = await otherApi.StartAsync(service, VerifyRestClient.NewMobile());
        var check = await otherApi.CheckAsync(service, mobile, code);
        var read = await otherApi.Http.GetAsync($"/api/v1/verify/services/{service}/verifications/{sid}");
        var list = await otherApi.Http.GetFromJsonAsync<JsonElement>("/api/v1/verify/services");

        Assert.All([start, check, read], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(4090, await VerifyRestClient.CodeOfProblemAsync(check));
        Assert.Equal(0, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await _api.CheckAsync(service, mobile, code)).StatusCode);
    }

    [Fact]
    public async Task ACanceledVerificationCannotBeApproved()
    {
        var service = await _api.CreateServiceAsync(new { name = "Cancel" });
        var mobile = VerifyRestClient.NewMobile();
        var (sid, _, code) = await _api.StartAndReadAsync(service, mobile);

        var cancel = await _api.Http.PostAsync($"/api/v1/verify/services/{service}/verifications/{sid}/cancel", null);
        var check = await _api.CheckAsync(service, mobile, code);

        Assert.Equal("canceled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
    }

    [Fact]
    public async Task TheVerifyPathsAreInTheOpenApiDocument()
    {
        var document = await _portal.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/verify/services/{serviceSid}/verifications", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/verify/services/{serviceSid}/checks", out _));
    }

    private async Task<long> BalanceAsync() =>
        (await _api.Http.GetFromJsonAsync<JsonElement>("/api/v1/balance")).GetProperty("balance").GetInt64();
}
