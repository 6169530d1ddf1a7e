using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Channels.Voice;
using SmsPortal.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Verify.V2;
using Twilio.Rest.Verify.V2.Service;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>
/// Twilio's own C# SDK, unchanged, against the portal on a loopback port: the only change is where its HTTP client
/// sends (verify.twilio.com becomes the portal's base URL), as a customer would point it with a proxy or gateway.
/// </summary>
public sealed class TwilioSdkTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private TestAccounts.Made _account = default!;
    private TwilioRestClient _twilio = default!;

    public async Task InitializeAsync()
    {
        var baseUrl = new Uri(_portal.StartOnLoopback());
        _account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        _twilio = Client(_account.ApiId, _account.ApiKey, baseUrl);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task TheSdkCreatesAServiceSendsACodeAndApprovesItOnce()
    {
        var mobile = VerifyRestClient.NewMobile();
        var service = await ServiceResource.CreateAsync(friendlyName: "My App", codeLength: 7, client: _twilio);

        var verification = await VerificationResource.CreateAsync(to: "+86" + mobile, channel: "sms", pathServiceSid: service.Sid, client: _twilio);
        var code = await CodeSentToAsync(mobile);
        var wrong = await VerificationCheckResource.CreateAsync(to: "+86" + mobile, code: code == "0000000" ? "1111111" : "0000000", pathServiceSid: service.Sid, client: _twilio);
        var right = await VerificationCheckResource.CreateAsync(verificationSid: verification.Sid, code: code, pathServiceSid: service.Sid, client: _twilio);
        var again = await Assert.ThrowsAsync<ApiException>(() => VerificationCheckResource.CreateAsync(to: "+86" + mobile, code: code, pathServiceSid: service.Sid, client: _twilio));

        Assert.StartsWith("VA", service.Sid, StringComparison.Ordinal);
        Assert.Equal(7, service.CodeLength);
        Assert.Equal("My App", service.FriendlyName);
        Assert.Equal("pending", verification.Status);
        Assert.Equal("+86" + mobile, verification.To);
        Assert.Matches("^[0-9]{7}$", code);
        Assert.Equal("pending", wrong.Status);
        Assert.False(wrong.Valid);
        Assert.Equal("approved", right.Status);
        Assert.True(right.Valid);
        Assert.Equal(20404, again.Code);
        Assert.Equal(404, again.Status);
    }

    [Fact]
    public async Task TheSdkSeesTwiliosErrorsForGapAttemptsAndCredentials()
    {
        var mobile = VerifyRestClient.NewMobile();
        var service = await ServiceResource.CreateAsync(friendlyName: "Errors", client: _twilio);
        await VerificationResource.CreateAsync(to: "+86" + mobile, channel: "sms", pathServiceSid: service.Sid, client: _twilio);

        var tooSoon = await Assert.ThrowsAsync<ApiException>(() => VerificationResource.CreateAsync(to: "+86" + mobile, channel: "sms", pathServiceSid: service.Sid, client: _twilio));
        for (var i = 0; i < 5; i++)
        {
            await VerificationCheckResource.CreateAsync(to: "+86" + mobile, code: "abcdef", pathServiceSid: service.Sid, client: _twilio);
        }

        var spent = await Assert.ThrowsAsync<ApiException>(() => VerificationCheckResource.CreateAsync(to: "+86" + mobile, code: "abcdef", pathServiceSid: service.Sid, client: _twilio));
        var whatsapp = await Assert.ThrowsAsync<ApiException>(() => VerificationResource.CreateAsync(to: "+86" + VerifyRestClient.NewMobile(), channel: "whatsapp", pathServiceSid: service.Sid, client: _twilio));
        var stranger = Client(_account.ApiId, "wrongkey0123456789abcdef01234567", _portal.ClientOptions.BaseAddress);
        var unauthenticated = await Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync(pathSid: service.Sid, client: stranger));

        Assert.Equal((60203, 429), (tooSoon.Code, tooSoon.Status));
        Assert.Equal((60202, 429), (spent.Code, spent.Status));
        Assert.Equal((60200, 400), (whatsapp.Code, whatsapp.Status));
        Assert.Equal((20003, 401), (unauthenticated.Code, unauthenticated.Status));
    }

    [Fact]
    public async Task TheSdkAsksForACallAndTheCallSpeaksTheCodeThatApproves()
    {
        var mobile = VerifyRestClient.NewMobile();
        var service = await ServiceResource.CreateAsync(friendlyName: "Voice", client: _twilio);

        var verification = await VerificationResource.CreateAsync(to: "+86" + mobile, channel: "call", pathServiceSid: service.Sid, client: _twilio);
        SimulatedCall? call = null;
        await Eventually.HoldsAsync(() => (call = _portal.Service<VoiceSimulator>().Calls.FirstOrDefault(c => c.Mobile == "+86" + mobile)) is not null, TimeSpan.FromSeconds(30), "the voice simulator calls");
        var right = await VerificationCheckResource.CreateAsync(to: "+86" + mobile, code: call!.Digits, pathServiceSid: service.Sid, client: _twilio);

        Assert.Equal("call", verification.Channel.ToString());
        Assert.Equal("approved", right.Status);
    }

    [Fact]
    public async Task TheSdkFetchesAndCancelsAVerification()
    {
        var mobile = VerifyRestClient.NewMobile();
        var service = await ServiceResource.CreateAsync(friendlyName: "Cancel", client: _twilio);
        var started = await VerificationResource.CreateAsync(to: "+86" + mobile, channel: "sms", pathServiceSid: service.Sid, client: _twilio);

        var fetched = await VerificationResource.FetchAsync(pathServiceSid: service.Sid, pathSid: started.Sid, client: _twilio);
        var canceled = await VerificationResource.UpdateAsync(pathServiceSid: service.Sid, pathSid: started.Sid, status: VerificationResource.StatusEnum.Canceled, client: _twilio);
        var listed = await ServiceResource.ReadAsync(client: _twilio);

        Assert.Equal("pending", fetched.Status);
        Assert.Equal("canceled", canceled.Status);
        Assert.Contains(listed, s => s.Sid == service.Sid);
    }

    private async Task<string> CodeSentToAsync(string mobile)
    {
        var text = await _portal.QueryAsync(db => db.Messages.Where(m => m.Mobile == mobile).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync());
        return VerifyRestClient.CodeOf(text);
    }

    private static TwilioRestClient Client(string apiId, string apiKey, Uri? baseUrl) =>
        new(apiId, apiKey, httpClient: new Twilio.Http.SystemNetHttpClient(new HttpClient(new BaseUrlHandler(baseUrl!) { InnerHandler = new HttpClientHandler() })));

    /// <summary>Sends what the SDK addresses to verify.twilio.com to the portal instead: the base URL, nothing else.</summary>
    private sealed class BaseUrlHandler(Uri baseUrl) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(baseUrl, request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
