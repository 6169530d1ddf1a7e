using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Voice;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>
/// Codes spoken by a call: asked for with channel=call, and a service's fallback after an SMS that is not delivered, with
/// the voice simulator of Development recording what it would say; and an HttpVoice provider that gets the call by HTTP.
/// </summary>
public sealed class VoiceTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private VerifyRestClient _api = default!;

    public async Task InitializeAsync()
    {
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        var account = await TestAccounts.CreateAsync(_portal, credits: 1_000, verified: true, paid: true);
        _api = VerifyRestClient.For(_portal, account.ApiId, account.ApiKey);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ChannelCallSpeaksTheCodeThatThenChecksAndSendsNoSms()
    {
        var service = await _api.CreateServiceAsync(new { name = "Voice", codeLength = 7 });
        var mobile = VerifyRestClient.NewMobile();

        var started = await _api.Http.PostAsJsonAsync($"/api/v1/verify/services/{service}/verifications", new { mobile, channel = "call" });
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var call = await CallToAsync(mobile);
        var check = await (await _api.CheckAsync(service, mobile, call.Digits)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("call", body.GetProperty("channel").GetString());
        Assert.Equal(body.GetProperty("sid").GetString(), call.Sid);
        Assert.Matches("^[0-9]( [0-9]){6}$", call.Spoken);
        Assert.True(check.GetProperty("valid").GetBoolean());
        Assert.Equal(0, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.Mobile == mobile)));
    }

    [Fact]
    public async Task AnUndeliveredSmsIsFollowedByACallWithItsCodeAndADeliveredOneIsNot()
    {
        var service = await _api.CreateServiceAsync(new { name = "Fallback", voiceFallbackSeconds = 5 });
        var delivered = "1380013" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var undelivered = "1390" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0000";

        var (_, deliveredSms, _) = await _api.StartAndReadAsync(service, delivered);
        var (_, undeliveredSms, code) = await _api.StartAndReadAsync(service, undelivered);
        await _portal.MessageWhenAsync(deliveredSms, m => m.Status == MessageStatus.Delivered);
        await _portal.MessageWhenAsync(undeliveredSms, m => m.Status == MessageStatus.Failed);
        var call = await CallToAsync(undelivered);

        Assert.Equal(code, call.Digits);
        // The delivered number's fallback was due first: had it been placed, it would be in the record before this one.
        Assert.DoesNotContain(_portal.Service<VoiceSimulator>().Calls, c => c.Mobile == "+86" + delivered);
        Assert.True(call.At - (await _portal.QueryAsync(db => db.Verifications.SingleAsync(v => v.Mobile == undelivered))).CreatedAt >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WithoutAVoiceChannelACallIsRefusedAndAFallbackOutOfRangeIsRefused()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Verify:VoiceSimulator"] = "false";
        var account = await TestAccounts.CreateAsync(portal, credits: 100, verified: true, paid: true);
        var api = VerifyRestClient.For(portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "NoVoice" });
        var mobile = VerifyRestClient.NewMobile();

        var refused = await api.Http.PostAsJsonAsync($"/api/v1/verify/services/{service}/verifications", new { mobile, channel = "call" });
        var tooQuick = await api.Http.PostAsJsonAsync("/api/v1/verify/services", new { name = "Quick", voiceFallbackSeconds = 2 });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(4092, await VerifyRestClient.CodeOfProblemAsync(refused));
        Assert.Equal(0, await portal.QueryAsync(db => db.Verifications.CountAsync(v => v.Mobile == mobile)));
        Assert.Equal(HttpStatusCode.BadRequest, tooQuick.StatusCode);
        Assert.Contains("voiceFallbackSeconds must be 5 to 600", await tooQuick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHttpVoiceProviderGetsTheNumberAndTheCodeAsItsSettingsSay()
    {
        await using var provider = new PushReceiver();
        await using var portal = new PortalFactory();
        portal.Settings["Channels:voice1:Type"] = "HttpVoice";
        portal.Settings["Channels:voice1:Url"] = $"http://127.0.0.1:{provider.Port}/call";
        portal.Settings["Channels:voice1:Fields:to"] = "{mobile}";
        portal.Settings["Channels:voice1:Fields:tts_code"] = "{content}";
        portal.Settings["Channels:voice1:Fields:ref"] = "{smsid}";
        portal.Settings["Channels:voice1:SuccessPattern"] = "^success$";
        var account = await TestAccounts.CreateAsync(portal, credits: 100, verified: true, paid: true);
        var api = VerifyRestClient.For(portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "HttpVoice", alphabet = "mixed" });
        var mobile = VerifyRestClient.NewMobile();

        var started = await api.Http.PostAsJsonAsync($"/api/v1/verify/services/{service}/verifications", new { mobile, channel = "call" });
        var sid = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString();
        var (fields, _) = await provider.NextAsync(TimeSpan.FromSeconds(30));
        var check = await (await api.CheckAsync(service, mobile, fields["tts_code"])).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("+86" + mobile, fields["to"]);
        Assert.Equal(sid, fields["ref"]);
        Assert.Matches("^[2-9A-Z]{6}$", fields["tts_code"]);
        Assert.True(check.GetProperty("valid").GetBoolean());
        Assert.Empty(portal.Service<VoiceSimulator>().Calls);
    }

    private async Task<SimulatedCall> CallToAsync(string mobile)
    {
        SimulatedCall? call = null;
        await Eventually.HoldsAsync(() =>
        {
            call = _portal.Service<VoiceSimulator>().Calls.FirstOrDefault(c => c.Mobile == "+86" + mobile);
            return call is not null;
        }, TimeSpan.FromSeconds(30), $"the voice simulator calls {mobile}");
        return call!;
    }
}
