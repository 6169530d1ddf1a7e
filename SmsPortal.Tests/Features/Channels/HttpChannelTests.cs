using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Http;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>
/// The HTTP provider channel through the real thing: portal A's channel sends to portal B's vendor API (B is the
/// provider), B's simulator delivers, B pushes the receipt to A's callback endpoint. Faults come from small peers.
/// </summary>
public sealed class HttpChannelTests(TwoPortals portals) : IClassFixture<TwoPortals>
{
    private const string Code = "您的验证码是：4321。请不要把验证码泄露给其他人。";
    private const string Text = "【SmsPortal】" + Code;

    private static int _next;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheVendorPresetSendsThroughAnotherPortalAndItsSignedReceiptComesBackForTheUpstreamId(bool dynamicPassword)
    {
        var account = await TestAccounts.CreateAsync(portals.B, credits: 20);
        var name = "via-b-" + (dynamicPassword ? "dynamic" : "key");
        await TestAccounts.SetAsync(portals.B, account.Id, a => a.ReceiptPushUrl = $"{portals.ABase}/channels/{name}/receipt");
        var secret = await PushSecretAsync(account.Id);
        await using var channel = portals.Channel(name, Vendor(account, ("UseDynamicPassword", dynamicPassword ? "true" : "false"), ("CallbackSecret", secret)));
        var mobile = Mobile();

        var answer = await channel.SubmitAsync(Outbound(mobile), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        Assert.Matches("^[0-9]{20}$", answer.UpstreamId);
        Assert.Contains("\"code\":2", answer.Raw, StringComparison.Ordinal);
        var stored = await MessageInBAsync(answer.UpstreamId!);
        Assert.Equal((account.Id, mobile, Text), (stored.AccountId, stored.Mobile, stored.Text));
        var receipt = await portals.A.Events.ReceiptAsync(r => r.Channel == name && r.UpstreamId == answer.UpstreamId, TimeSpan.FromSeconds(20));
        Assert.True(receipt.Delivered);
        Assert.Contains("mobilephone=" + mobile, receipt.Raw, StringComparison.Ordinal);
        Assert.True(channel.Status.Up);
        Assert.Equal(0, channel.Status.Errors);
    }

    [Fact]
    public async Task ANumberTheProviderRefusesIsRejectedWithTheRawAnswer()
    {
        var account = await TestAccounts.CreateAsync(portals.B, credits: 20);
        await using var channel = portals.Channel("refusing", Vendor(account));

        var answer = await channel.SubmitAsync(Outbound("1380013"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Rejected, answer.Outcome);
        Assert.Null(answer.UpstreamId);
        Assert.Contains("\"code\":406", answer.Raw, StringComparison.Ordinal);
        Assert.True(channel.Status.Up);
        Assert.Equal(1, channel.Status.Errors);
        Assert.Contains("406", channel.Status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongCredentialsAreAChannelFaultThatOpensTheCircuitInsteadOfFailingMessages()
    {
        var account = await TestAccounts.CreateAsync(portals.B, credits: 20);
        await using var channel = portals.Channel("bad-key", Vendor(account with { ApiKey = "wrong" }, ("FailuresToOpen", "2")));

        var first = await channel.SubmitAsync(Outbound(Mobile()), CancellationToken.None);
        var second = await channel.SubmitAsync(Outbound(Mobile()), CancellationToken.None);
        var third = await channel.SubmitAsync(Outbound(Mobile()), CancellationToken.None);

        Assert.Equal([ChannelOutcome.TryLater, ChannelOutcome.TryLater, ChannelOutcome.TryLater], [first.Outcome, second.Outcome, third.Outcome]);
        Assert.Contains("\"code\":405", first.Raw, StringComparison.Ordinal);
        Assert.Equal("circuit open: nothing sent", third.Raw);
        Assert.False(channel.Status.Up);
        Assert.Equal("circuit open", channel.Status.State);
    }

    [Fact]
    public async Task GbkGoesToACustomProviderThatDeclaresItAndItsXmlAnswerIsReadByPattern()
    {
        var account = await TestAccounts.CreateAsync(portals.B, credits: 20);
        await using var channel = portals.Channel("gbk", new()
        {
            ["Type"] = "Http",
            ["Url"] = portals.BBase + "/webservice/sms.php?method=Submit",
            ["Encoding"] = "gbk",
            ["ApiId"] = account.ApiId,
            ["ApiKey"] = account.ApiKey,
            ["Fields:account"] = "{ApiId}",
            ["Fields:password"] = "{ApiKey}",
            ["Fields:mobile"] = "{mobile}",
            ["Fields:content"] = "{content}",
            ["SuccessPattern"] = "<code>2</code>",
            ["MessageIdPattern"] = "<smsid>(?<id>[0-9]+)</smsid>",
        });
        var mobile = Mobile();

        var answer = await channel.SubmitAsync(Outbound(mobile), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        Assert.Contains("提交成功", answer.Raw, StringComparison.Ordinal);
        Assert.Equal(Text, (await MessageInBAsync(answer.UpstreamId!)).Text);

        await using var fake = new FakeProvider();
        await using var toFake = portals.Channel("gbk-fake", new() { ["Url"] = fake.Url, ["Encoding"] = "gbk", ["Fields:text"] = "{content}", ["SuccessPattern"] = "^OK" });
        fake.Answers(200, "OK");
        await toFake.SubmitAsync(Outbound(mobile), CancellationToken.None);
        Assert.True(fake.Received.TryDequeue(out var request));
        Assert.Equal("application/x-www-form-urlencoded; charset=gbk", request.ContentType);
        Assert.Equal("text=" + System.Web.HttpUtility.UrlEncode(Text, Encoding.GetEncoding("gbk")), Encoding.ASCII.GetString(request.Body));
    }

    [Fact]
    public async Task ACustomJsonProviderIsReadByJsonPointer()
    {
        var account = await TestAccounts.CreateAsync(portals.B, credits: 20);
        await using var channel = portals.Channel("json", new()
        {
            ["Url"] = portals.BBase + "/sms/Submit.json",
            ["Body"] = "Json",
            ["Account"] = account.ApiId,
            ["Password"] = account.ApiKey,
            ["Fields:account"] = "{account}",
            ["Fields:password"] = "{password:dynamic}",
            ["Fields:time"] = "{time}",
            ["Fields:mobile"] = "{mobile}",
            ["Fields:content"] = "{content}",
            ["SuccessJsonPointer"] = "/code",
            ["SuccessValue"] = "2",
            ["MessageIdJsonPointer"] = "/smsid",
        });

        var answer = await channel.SubmitAsync(Outbound(Mobile()), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        Assert.Equal(Text, (await MessageInBAsync(answer.UpstreamId!)).Text);

        await using var fake = new FakeProvider();
        await using var nested = portals.Channel("json-nested", new()
        {
            ["Url"] = fake.Url, ["Method"] = "GET", ["Fields:to"] = "{mobile}", ["Fields:ref"] = "{smsid}",
            ["SuccessJsonPointer"] = "/result/status", ["SuccessValue"] = "ok", ["MessageIdJsonPointer"] = "/result/ids/0",
        });
        fake.Answers(200, """{"result":{"status":"ok","ids":["a/b-1"]}}""");
        var nestedAnswer = await nested.SubmitAsync(Outbound("13800138000"), CancellationToken.None);
        Assert.Equal((ChannelOutcome.Accepted, "a/b-1"), (nestedAnswer.Outcome, nestedAnswer.UpstreamId));
        Assert.True(fake.Received.TryDequeue(out var request));
        var query = System.Web.HttpUtility.ParseQueryString(request.Query);
        Assert.Equal(("13800138000", "00000000000000000042"), (query["to"], query["ref"]));
        Assert.Empty(request.Body);
    }

    [Theory]
    [InlineData(500, "{\"code\":2}", ChannelOutcome.Unknown)]
    [InlineData(200, "<html>oops", ChannelOutcome.Unknown)]
    [InlineData(200, "{\"other\":1}", ChannelOutcome.Unknown)]
    [InlineData(503, "busy", ChannelOutcome.TryLater)]
    [InlineData(429, "slow down", ChannelOutcome.TryLater)]
    [InlineData(200, "{\"code\":407}", ChannelOutcome.Rejected)]
    [InlineData(400, "{\"code\":406}", ChannelOutcome.Rejected)]
    public async Task AnswersThatAreNotAcceptancesGetTheOutcomeTheyProve(int status, string body, ChannelOutcome expected)
    {
        await using var fake = new FakeProvider();
        fake.Answers(status, body);
        await using var channel = portals.Channel("answers-" + status, new()
        {
            ["Url"] = fake.Url, ["Fields:to"] = "{mobile}", ["SuccessJsonPointer"] = "/code", ["SuccessValue"] = "2",
        });

        var answer = await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None);

        Assert.Equal(expected, answer.Outcome);
        Assert.Contains(body, answer.Raw, StringComparison.Ordinal);
        Assert.Equal(1, fake.Requests);
    }

    [Theory]
    [InlineData("{\"code\":4080,\"msg\":\"同一手机号码同一秒钟之内发送频率不能超过1条\",\"smsid\":\"0\"}", ChannelOutcome.TryLater)]
    [InlineData("{\"code\":4051,\"msg\":\"剩余条数不足\",\"smsid\":\"0\"}", ChannelOutcome.TryLater)]
    [InlineData("{\"code\":4030,\"msg\":\"手机号码已被列入黑名单\",\"smsid\":\"0\"}", ChannelOutcome.Rejected)]
    [InlineData("{\"code\":4072,\"msg\":\"提交的短信内容与审核通过的模板内容不匹配\",\"smsid\":\"0\"}", ChannelOutcome.Rejected)]
    [InlineData("{\"code\":4085,\"msg\":\"同一手机号验证码短信发送超出【5】条\",\"smsid\":\"0\"}", ChannelOutcome.Rejected)]
    [InlineData("{\"code\":2,\"msg\":\"提交成功\",\"smsid\":\"16842079209571524017\"}", ChannelOutcome.Accepted)]
    public async Task TheVendorPresetSortsTheVendorsCodes(string body, ChannelOutcome expected)
    {
        await using var channel = portals.Channel("codes", Vendor(new TestAccounts.Made(0, "C1", "key", new Dictionary<string, int>())));

        var (answer, _) = ((HttpChannel)channel).Classify(200, body);

        Assert.Equal(expected, answer.Outcome);
    }

    [Fact]
    public async Task AProviderThatStallsAfterReadingTheBodyMakesTheOutcomeUnknownAndIsNotAskedAgain()
    {
        await using var stalling = new StallingProvider();
        await using var channel = portals.Channel("stalling", Custom(stalling.Url, ("TimeoutSeconds", "1")));

        var answer = await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Unknown, answer.Outcome);
        Assert.Contains("timeout", answer.Raw, StringComparison.Ordinal);
        Assert.Equal(1, stalling.Requests);
    }

    [Fact]
    public async Task AProviderThatHangsUpAfterReadingTheBodyMakesTheOutcomeUnknownAndIsNotAskedAgain()
    {
        await using var stalling = new StallingProvider(hangUp: true);
        await using var channel = portals.Channel("hanging-up", Custom(stalling.Url));

        var answer = await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Unknown, answer.Outcome);
        Assert.Equal(1, stalling.Requests);
    }

    [Fact]
    public async Task AReusedConnectionThatClosesUnderTheRequestIsNotRetriedOnANewOne()
    {
        // SocketsHttpHandler resends a request whose reused connection closed before any answer; for an SMS that
        // would be a second message, so the body refuses to be written twice.
        await using var provider = new StallingProvider(hangUp: true, firstAnswer: "{\"code\":2,\"id\":\"first\"}");
        await using var channel = portals.Channel("reused", Custom(provider.Url));

        var first = await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None);
        var second = await channel.SubmitAsync(Outbound("13800138001"), CancellationToken.None);

        Assert.Equal((ChannelOutcome.Accepted, "first"), (first.Outcome, first.UpstreamId));
        Assert.Equal(ChannelOutcome.Unknown, second.Outcome);
        Assert.Equal(2, provider.Requests);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task ARefusedConnectionIsTryLater(string method)
    {
        var url = $"http://127.0.0.1:{Peers.FreePort()}/send";
        await using var channel = portals.Channel("refused-" + method, Custom(url, ("Method", method)));

        var answer = await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.TryLater, answer.Outcome);
        Assert.Contains("ConnectionError", answer.Raw, StringComparison.Ordinal);
        Assert.Equal(1, channel.Status.Errors);
    }

    [Fact]
    public async Task TheCircuitOpensAfterFailuresSendsNothingWhileOpenAndClosesAfterASuccessfulProbe()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHttpChannels();
        await using var provider = services.BuildServiceProvider();
        await using var fake = new FakeProvider();
        fake.Answers(503, "down");
        await using var channel = provider.GetRequiredService<HttpChannelFactory>().Create("breaker", TwoPortals.Settings(Custom(fake.Url, ("FailuresToOpen", "3"), ("OpenSeconds", "30"))));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ChannelOutcome.TryLater, (await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None)).Outcome);
        }

        Assert.False(channel.Status.Up);
        Assert.Equal("circuit open", channel.Status.State);
        Assert.Equal("circuit open: nothing sent", (await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None)).Raw);
        Assert.Equal(3, fake.Requests);

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(channel.Status.Up);
        Assert.Equal(ChannelOutcome.TryLater, (await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None)).Outcome);
        Assert.False(channel.Status.Up);
        Assert.Equal(4, fake.Requests);

        fake.Answers(200, "{\"code\":2,\"id\":\"x1\"}");
        clock.Advance(TimeSpan.FromSeconds(31));
        var probe = await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None);
        Assert.Equal((ChannelOutcome.Accepted, "x1"), (probe.Outcome, probe.UpstreamId));
        Assert.True(channel.Status.Up);
        Assert.Equal("ready", channel.Status.State);
        Assert.Equal(ChannelOutcome.Accepted, (await channel.SubmitAsync(Outbound("13800138000"), CancellationToken.None)).Outcome);
        Assert.Equal(6, fake.Requests);
    }

    [Fact]
    public async Task CallbacksRefuseForgeriesAndMalformedFormsAndUnknownChannelsAndTakeTheVendorsPushes()
    {
        await using var channel = portals.Channel("guarded", Vendor(new TestAccounts.Made(0, "C1", "key", new Dictionary<string, int>()), ("CallbackSecret", "s3cret")));
        // A registry checks settings by making a channel of the same name and disposing it: the live one still answers.
        await portals.Channel("guarded", Vendor(new TestAccounts.Made(0, "C1", "key", new Dictionary<string, int>()), ("CallbackSecret", "s3cret"))).DisposeAsync();
        using var client = new HttpClient { BaseAddress = new Uri(portals.ABase) };
        var receipt = new Dictionary<string, string> { ["code"] = "2", ["msg"] = "DELIVRD", ["mobilephone"] = "13800138000", ["smsid"] = "11111111110000000077", ["report_time"] = "2026-05-01 10:00:00" };

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/channels/guarded/receipt", new FormUrlEncodedContent(receipt))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/channels/guarded/receipt?token=guess", new FormUrlEncodedContent(receipt))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SignedAsync(client, "/channels/guarded/receipt", receipt, "other")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/channels/nobody/receipt", new FormUrlEncodedContent(receipt))).StatusCode);
        var malformed = new Dictionary<string, string>(receipt);
        malformed.Remove("smsid");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/channels/guarded/receipt?token=s3cret", new FormUrlEncodedContent(malformed))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/channels/guarded/receipt?token=s3cret", new StringContent("%%%&&=", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.DoesNotContain(portals.A.Events.Receipts, r => r.Channel == "guarded");

        var signed = await SignedAsync(client, "/channels/guarded/receipt", receipt, "s3cret");
        Assert.Equal((HttpStatusCode.OK, "success"), (signed.StatusCode, await signed.Content.ReadAsStringAsync()));
        var failed = await client.GetAsync("/channels/guarded/receipt?token=s3cret&code=0&msg=UNDELIV&mobilephone=13800138000&smsid=11111111110000000078&report_time=2026-05-01+10%3A00%3A01");
        Assert.Equal("success", await failed.Content.ReadAsStringAsync());
        var reply = new Dictionary<string, string> { ["mobilephone"] = "13800138000", ["content"] = "退订 TD", ["smsid"] = "11111111110000000077", ["reply_time"] = "2026-05-01 10:00:02" };
        Assert.Equal("success", await (await client.PostAsync("/channels/guarded/reply?token=s3cret", new FormUrlEncodedContent(reply))).Content.ReadAsStringAsync());

        var receipts = portals.A.Events.Receipts.Where(r => r.Channel == "guarded").ToList();
        Assert.Equal([("11111111110000000077", true), ("11111111110000000078", false)], receipts.Select(r => (r.UpstreamId, r.Delivered)));
        var (_, got) = Assert.Single(portals.A.Events.Replies, r => r.Channel == "guarded");
        Assert.Equal(("13800138000", "退订 TD", new DateTimeOffset(2026, 5, 1, 10, 0, 2, TimeSpan.FromHours(8))), (got.From, got.Text, got.ReceivedAt));
    }

    [Fact]
    public void SettingsThatCannotWorkAreRefusedNamingEveryProblem()
    {
        var factory = portals.A.Service<IEnumerable<IChannelFactory>>().Single(f => f.Type == "Http");

        var custom = Assert.Throws<ChannelSettingsException>(() => factory.Create("broken", TwoPortals.Settings(new()
        {
            ["Url"] = "ftp://x", ["Method"] = "PUT", ["Encoding"] = "klingon", ["TimeoutSeconds"] = "0",
            ["Fields:to"] = "{mobile}", ["Fields:key"] = "{nosuch}", ["SuccessPattern"] = "(", ["MessageIdPattern"] = "id",
        })));
        var vendor = Assert.Throws<ChannelSettingsException>(() => factory.Create("vendor", TwoPortals.Settings(new() { ["Preset"] = "Vendor", ["UseDynamicPassword"] = "maybe" })));

        Assert.Equal("broken", custom.Channel);
        foreach (var setting in new[] { "Url:", "Method:", "Encoding:", "TimeoutSeconds:", "Fields:key:", "SuccessPattern:", "MessageIdPattern:" })
        {
            Assert.Contains(custom.Problems, p => p.StartsWith("Channels:broken:" + setting, StringComparison.Ordinal));
        }

        Assert.Equal(["BaseUrl", "Account", "Password", "UseDynamicPassword", "Url", "CallbackSecret or CallbackAllowedAddresses"], vendor.Problems.Select(p => p["Channels:vendor:".Length..p.IndexOf(':', "Channels:vendor:".Length)]));
    }

    private Dictionary<string, string?> Vendor(TestAccounts.Made account, params (string Key, string Value)[] more) =>
        With(new() { ["Type"] = "Http", ["Preset"] = "Vendor", ["BaseUrl"] = portals.BBase, ["Account"] = account.ApiId, ["Password"] = account.ApiKey, ["CallbackSecret"] = "callback-secret-of-the-test" }, more);

    private static Dictionary<string, string?> Custom(string url, params (string Key, string Value)[] more) =>
        With(new() { ["Url"] = url, ["Fields:to"] = "{mobile}", ["Fields:text"] = "{content}", ["SuccessJsonPointer"] = "/code", ["SuccessValue"] = "2", ["MessageIdJsonPointer"] = "/id" }, more);

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, (string Key, string Value)[] more)
    {
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static OutboundMessage Outbound(string mobile) => new(42, "00000000000000000042", mobile, Text, 1);

    /// <summary>A number of its own for each send, so B's per-number limits never meet.</summary>
    private static string Mobile() => "1390000" + Interlocked.Increment(ref _next).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> SignedAsync(HttpClient client, string path, Dictionary<string, string> fields, string secret)
    {
        var body = await new FormUrlEncodedContent(fields).ReadAsByteArrayAsync();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-SmsPortal-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return await client.SendAsync(request);
    }

    private async Task<string> PushSecretAsync(int accountId)
    {
        await using var db = await portals.B.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await portals.B.Service<PushSecrets>().GetAsync(db, accountId, CancellationToken.None);
    }

    private async Task<Message> MessageInBAsync(string smsId)
    {
        await using var db = await portals.B.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var id = SmsPortal.Domain.Sending.Message.IdOfSmsId(smsId)!.Value;
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
