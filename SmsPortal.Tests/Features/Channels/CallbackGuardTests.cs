using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Channels;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>A portal whose simulator keeps its receipts back, so a message waits for the receipt a test posts.</summary>
public sealed class SlowReceiptPortalFixture() : ConfiguredPortalFixture(new Dictionary<string, string?> { ["Channels:Simulator:ReceiptDelayMilliseconds"] = "600000" });

/// <summary>
/// Receipts and replies posted to /channels/{name}/receipt and /reply must prove they come from the provider: an
/// admin-saved channel that takes them gets a secret, or names the provider's addresses; anything else is refused
/// and changes nothing (no refund, no opt-out, no reply).
/// </summary>
public sealed class CallbackGuardTests(SlowReceiptPortalFixture fixture) : IClassFixture<SlowReceiptPortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private ChannelAdministration Channels => Portal.Service<ChannelAdministration>();

    [Fact]
    public async Task AnUnprovenReceiptOrReplyIsRefusedAndChangesNothingAndTheSecretTheSaveMadeProvesOne()
    {
        var name = "vendor-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await Channels.SaveChannelAsync(null, new ChannelInput(name, "Http", """{ "Preset": "Vendor", "BaseUrl": "https://sms.example.com", "Account": "C1", "Password": "k" }""", true), "test", CancellationToken.None);
        Assert.True(saved.Ok, string.Join("; ", saved.Problems.Select(p => p.Detail)));
        var secret = Assert.IsType<string>(saved.CallbackSecret);
        var (message, smsId, balance) = await MessageWaitingOnAsync(name, "U-" + name);
        using var client = Portal.CreateClient();

        var forgedReceipt = await client.PostAsync($"/channels/{name}/receipt", Form(("smsid", "U-" + name), ("code", "0"), ("msg", "UNDELIV")));
        var forgedReply = await client.PostAsync($"/channels/{name}/reply", Form(("mobilephone", message.Mobile), ("content", "TD"), ("smsid", "U-" + name)));
        var wrongToken = await client.PostAsync($"/channels/{name}/receipt?token=guess", Form(("smsid", "U-" + name), ("code", "0")));

        Assert.Equal([403, 403, 403], new[] { forgedReceipt, forgedReply, wrongToken }.Select(r => (int)r.StatusCode));
        // The proven receipt below is handled by the same processor after these; had a forged one been taken, it would have settled the message first.
        var proven = await client.PostAsync($"/channels/{name}/receipt?token={secret}", Form(("smsid", "U-" + name), ("code", "0"), ("msg", "UNDELIV")));
        Assert.Equal("success", await proven.Content.ReadAsStringAsync());
        var settled = await Portal.MessageWhenAsync(smsId, m => m.Status == MessageStatus.Failed);
        Assert.Contains("msg=UNDELIV", settled.UpstreamStatus ?? "", StringComparison.Ordinal);
        Assert.Equal(balance + message.Parts, await Portal.CheckedBalanceAsync(message.AccountId));
        Assert.Equal(0, await Portal.QueryAsync(db => db.Replies.CountAsync(r => r.Mobile == message.Mobile)));
        Assert.Equal(0, await Portal.QueryAsync(db => db.BlockedNumbers.CountAsync(b => b.Mobile == message.Mobile)));
    }

    [Fact]
    public async Task AChannelThatNamesItsProvidersAddressesTakesCallbacksOnlyFromThem()
    {
        var name = "listed-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await Channels.SaveChannelAsync(null, new ChannelInput(name, "Http", """{ "Preset": "Vendor", "BaseUrl": "https://sms.example.com", "Account": "C1", "Password": "k", "CallbackAllowedAddresses": "203.0.113.0/24, 2001:db8::7" }""", true), "test", CancellationToken.None);
        Assert.True(saved.Ok);
        Assert.Null(saved.CallbackSecret);
        var (_, smsId, _) = await MessageWaitingOnAsync(name, "L-" + name);
        using var client = Portal.CreateClient();

        Assert.Equal(403, (int)(await SendFromAsync(client, "198.51.100.1", $"/channels/{name}/receipt", ("smsid", "L-" + name), ("code", "0"))).StatusCode);
        var taken = await SendFromAsync(client, "203.0.113.9", $"/channels/{name}/receipt", ("smsid", "L-" + name), ("code", "2"));

        Assert.Equal("success", await taken.Content.ReadAsStringAsync());
        await Portal.MessageWhenAsync(smsId, m => m.Status == MessageStatus.Delivered);
    }

    [Fact]
    public async Task ABadAllowedAddressIsRefusedOnSave()
    {
        var saved = await Channels.SaveChannelAsync(null, new ChannelInput("bad-list", "Http", """{ "Preset": "Vendor", "BaseUrl": "https://sms.example.com", "Account": "C1", "Password": "k", "CallbackAllowedAddresses": "203.0.113.0/40" }""", true), "test", CancellationToken.None);

        Assert.Contains(saved.Problems, p => p.Detail!.StartsWith("Channels:bad-list:CallbackAllowedAddresses: '203.0.113.0/40' is not an address or CIDR range", StringComparison.Ordinal));
        Assert.Equal(0, await Portal.QueryAsync(db => db.ChannelDefinitions.CountAsync(d => d.Name == "bad-list")));
    }

    [Fact]
    public async Task ADeclaredChannelThatTakesCallbacksWithNeitherSecretNorAddressesStopsTheStartNamingBoth()
    {
        var folder = Directory.CreateTempSubdirectory("smsportal-callbacks-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["Mail__PickupDirectory"] = Path.Combine(folder, "mail"),
            ["DataProtection__CertificatePath"] = Path.Combine(folder, "data-protection.pfx"),
            ["Channels__upstream__Type"] = "Http",
            ["Channels__upstream__Preset"] = "Vendor",
            ["Channels__upstream__BaseUrl"] = "https://sms.example.com",
            ["Channels__upstream__Account"] = "C1",
            ["Channels__upstream__Password"] = "k",
        };

        var (exitCode, output) = await PortalProcess.RunUntilExitAsync(folder, environment, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Channel 'upstream': Channels:upstream:CallbackSecret or CallbackAllowedAddresses: a channel that takes receipts or replies needs", output, StringComparison.Ordinal);
    }

    /// <summary>A message accepted through the vendor API, handed (as far as the database knows) to the channel with this upstream id.</summary>
    private async Task<(Message Message, string SmsId, long Balance)> MessageWaitingOnAsync(string channel, string upstreamId)
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 10);
        var answer = await new VendorClient(Portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "1391234" + Random.Shared.Next(1000, 9999), "1234", "1");
        Assert.Equal(2, answer.Code);
        var message = await Portal.MessageWhenAsync(answer.SmsId!, m => m.Status == MessageStatus.Submitted);
        await Portal.QueryAsync(db => db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Channel, channel).SetProperty(m => m.UpstreamId, upstreamId)));
        return (message, answer.SmsId!, await Portal.CheckedBalanceAsync(account.Id));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<HttpResponseMessage> SendFromAsync(HttpClient client, string address, string path, params (string Key, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(fields) };
        request.Headers.Add(TestClientAddress.Header, address);
        return await client.SendAsync(request);
    }
}
