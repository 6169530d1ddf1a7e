using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Channels.Voice;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>
/// Calls that speak a code cost one SMS: reserved at the start, kept when the provider takes the call, refunded when it
/// fails; a short balance is 4051 and leaves nothing behind. With several HttpVoice channels, each call goes by the
/// channels' Prefixes and Priority, to the next channel when one refuses.
/// </summary>
public sealed class VoiceChargeTests
{
    [Fact]
    public async Task ACallIsReservedAtTheStartAndKeptOnceTheSimulatorPlacesIt()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Verify:VoiceSimulator"] = "true";
        var account = await TestAccounts.CreateAsync(portal, credits: 10, verified: true, paid: true);
        var api = VerifyRestClient.For(portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Voice" });
        var mobile = VerifyRestClient.NewMobile();

        var started = await StartCallAsync(api, service, mobile);
        var sid = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
        await Eventually.HoldsAsync(() => portal.Service<VoiceSimulator>().Calls.Any(c => c.Sid == sid), TimeSpan.FromSeconds(30), "the simulator places the call");
        var lines = await LinesWhenAsync(portal, sid, 2);

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal([(LedgerEntryKind.Reserve, -1L), (LedgerEntryKind.Settle, 0L)], lines);
        Assert.Equal(10 - 1, await portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(0, await portal.QueryAsync(db => db.Verifications.Where(v => v.Sid == sid).Select(v => v.CallCharge).SingleAsync()));
        Assert.Equal(0, await portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
    }

    [Fact]
    public async Task ACallTheProviderRefusesIsRefundedAndAShortBalanceIsRefusedWith4051()
    {
        await using var provider = new PushReceiver { Reply = "error: no such number" };
        await using var portal = new PortalFactory();
        Voice(portal, "voice1", provider);
        var account = await TestAccounts.CreateAsync(portal, credits: 1, verified: true, paid: true);
        var api = VerifyRestClient.For(portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Voice" });

        var started = await StartCallAsync(api, service, VerifyRestClient.NewMobile());
        var sid = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
        var (fields, _) = await provider.NextAsync(TimeSpan.FromSeconds(30));
        var lines = await LinesWhenAsync(portal, sid, 2);

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(sid, fields["ref"]);
        Assert.Equal([(LedgerEntryKind.Reserve, -1L), (LedgerEntryKind.Refund, 1L)], lines);
        Assert.Equal(1, await portal.CheckedBalanceAsync(account.Id));
        Assert.StartsWith("voice1 Rejected: error: no such number", await portal.QueryAsync(db => db.Verifications.Where(v => v.Sid == sid).Select(v => v.CallAnswer).SingleAsync()), StringComparison.Ordinal);

        // With the one credit spent elsewhere, a call is refused as an SMS would be, and nothing is kept.
        var spent = await api.Http.PostAsJsonAsync("/api/v1/messages", new { mobile = VerifyRestClient.NewMobile(), templateId = 1, content = "1234" });
        var poor = VerifyRestClient.NewMobile();
        var refused = await StartCallAsync(api, service, poor);

        Assert.Equal(HttpStatusCode.Accepted, spent.StatusCode);
        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal(4051, await VerifyRestClient.CodeOfProblemAsync(refused));
        Assert.Equal(0, await portal.QueryAsync(db => db.Verifications.CountAsync(v => v.Mobile == poor)));
        Assert.Equal(0, await portal.CheckedBalanceAsync(account.Id));
        Assert.True(provider.Received.IsEmpty);
    }

    [Fact]
    public async Task TwoVoiceChannelsTakeTheirOwnPrefixesAndARefusingChannelPassesTheCallOn()
    {
        await using var mobileVoice = new PushReceiver();
        await using var unicomVoice = new PushReceiver();
        await using var fallbackVoice = new PushReceiver();
        await using var portal = new PortalFactory();
        Voice(portal, "cmcc", mobileVoice);
        portal.Settings["Channels:cmcc:Prefixes"] = "139";
        portal.Settings["Channels:cmcc:Priority"] = "10";
        Voice(portal, "unicom", unicomVoice);
        portal.Settings["Channels:unicom:Prefixes"] = "186";
        portal.Settings["Channels:unicom:Priority"] = "10";
        Voice(portal, "backup", fallbackVoice);
        portal.Settings["Channels:backup:Priority"] = "50";
        var account = await TestAccounts.CreateAsync(portal, credits: 10, verified: true, paid: true);
        var api = VerifyRestClient.For(portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Voice" });
        var to139 = VerifyRestClient.NewMobile();
        var to186 = "186" + Random.Shared.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Created, (await StartCallAsync(api, service, to139)).StatusCode);
        var (first, _) = await mobileVoice.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, (await StartCallAsync(api, service, to186)).StatusCode);
        var (second, _) = await unicomVoice.NextAsync(TimeSpan.FromSeconds(30));

        // The 139 channel now refuses: the call goes on to the channel of the next priority.
        mobileVoice.Reply = "error: busy";
        var again = VerifyRestClient.NewMobile();
        Assert.Equal(HttpStatusCode.Created, (await StartCallAsync(api, service, again)).StatusCode);
        var (third, _) = await fallbackVoice.NextAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("+86" + to139, first["to"]);
        Assert.Equal("+86" + to186, second["to"]);
        Assert.Equal("+86" + again, third["to"]);
        Assert.Single(mobileVoice.Received, r => r.Fields["to"] == "+86" + again);
        Assert.True(unicomVoice.Received.IsEmpty);
        await Eventually.HoldsAsync(async () => await portal.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Settle)) == 3, TimeSpan.FromSeconds(30), "three calls settled");
        Assert.Equal(10 - 3, await portal.CheckedBalanceAsync(account.Id));
    }

    private static void Voice(PortalFactory portal, string name, PushReceiver provider)
    {
        portal.Settings[$"Channels:{name}:Type"] = "HttpVoice";
        portal.Settings[$"Channels:{name}:Url"] = $"http://127.0.0.1:{provider.Port}/call";
        portal.Settings[$"Channels:{name}:Fields:to"] = "{mobile}";
        portal.Settings[$"Channels:{name}:Fields:code"] = "{content}";
        portal.Settings[$"Channels:{name}:Fields:ref"] = "{smsid}";
        portal.Settings[$"Channels:{name}:SuccessPattern"] = "^success$";
    }

    private static Task<HttpResponseMessage> StartCallAsync(VerifyRestClient api, string service, string mobile) =>
        api.Http.PostAsJsonAsync($"/api/v1/verify/services/{service}/verifications", new { mobile, channel = "call" });

    /// <summary>The ledger lines of one verification's call once there are <paramref name="count"/> of them.</summary>
    private static async Task<List<(LedgerEntryKind Kind, long Amount)>> LinesWhenAsync(PortalFactory portal, string sid, int count)
    {
        List<(LedgerEntryKind, long)> lines = [];
        await Eventually.HoldsAsync(async () =>
        {
            lines = (await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.Reference == sid).OrderBy(e => e.Id).Select(e => new { e.Kind, e.Amount }).ToListAsync()))
                .Select(e => (e.Kind, e.Amount)).ToList();
            return lines.Count >= count;
        }, TimeSpan.FromSeconds(30), $"{count} ledger lines for {sid}");
        return lines;
    }
}
