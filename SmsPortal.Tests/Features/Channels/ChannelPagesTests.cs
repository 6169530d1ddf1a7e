using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Channels;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>The admins' channel and route forms and the channel list, rendered by bUnit on a real portal's registry and database.</summary>
public sealed class ChannelPagesTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    // Generous: the machine's two cores are shared with browser journeys and other classes.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private ConsolePageContext _page = default!;

    private ChannelAdministration Channels => fixture.Portal.Service<ChannelAdministration>();

    public async Task InitializeAsync()
    {
        await fixture.Portal.Service<ChannelRegistry>().Loaded;
        _page = new ConsolePageContext(0, Channels, fixture.Portal.Service<SmsPortal.Infrastructure.Channels.Smpp.Server.SmppServerStatus>());
        _page.Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        _page.Context.Render<MudPopoverProvider>();
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public async Task ABadChannelShowsEveryProblemAndNothingIsSaved()
    {
        var before = await CountAsync(db => db.ChannelDefinitions.CountAsync());
        var saved = new List<int>();
        var form = RenderForm(saved);

        form.Find("input[data-testid=channel-name]").Input("bad name!");
        form.Find("textarea[data-testid=channel-settings]").Input("""{ "ReceiptDelayMilliseconds": "soon", "RejectPattern": "(" }""");
        await form.Find("button[data-testid=channel-save]").ClickAsync(new());

        var problems = form.WaitForElement("[data-testid=channel-problems]", Wait).TextContent;
        Assert.Contains("Nothing was saved", problems, StringComparison.Ordinal);
        Assert.Contains("A name is letters, digits, - and _", problems, StringComparison.Ordinal);
        Assert.Contains("Channels:channel:ReceiptDelayMilliseconds: 'soon' is not a whole number", problems, StringComparison.Ordinal);
        Assert.Contains("Channels:channel:RejectPattern: not a regular expression", problems, StringComparison.Ordinal);
        Assert.Empty(saved);
        Assert.Equal(before, await CountAsync(db => db.ChannelDefinitions.CountAsync()));
    }

    [Fact]
    public async Task SettingsThatAreNotAJsonObjectAndATakenNameAreRefused()
    {
        var form = RenderForm([]);

        form.Find("input[data-testid=channel-name]").Input("SIMULATOR");
        form.Find("textarea[data-testid=channel-settings]").Input("""["Host", "smsc"]""");
        await form.Find("button[data-testid=channel-save]").ClickAsync(new());

        var problems = form.WaitForElement("[data-testid=channel-problems]", Wait).TextContent;
        Assert.Contains("Another channel already has this name.", problems, StringComparison.Ordinal);
        Assert.Contains("The settings are not a JSON object: Array", problems, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.ChannelDefinitions.CountAsync(d => d.Name == "SIMULATOR")));
    }

    [Fact]
    public async Task AGoodChannelIsSavedAndGoesLiveAtOnce()
    {
        var name = NewName();
        var saved = new List<int>();
        var form = RenderForm(saved);

        form.Find("input[data-testid=channel-name]").Input(name);
        form.Find("textarea[data-testid=channel-settings]").Input("""{ "ReceiptDelayMilliseconds": 100 }""");
        await form.Find("button[data-testid=channel-save]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Single(saved), Wait);
        Assert.NotNull(fixture.Portal.Service<ChannelRegistry>().Find(name));
        Assert.Equal(ChannelSource.Admin, fixture.Portal.Service<ChannelRegistry>().Entries.Single(e => e.Name == name).Source);
    }

    [Fact]
    public async Task AnHttpChannelThatTakesCallbacksGetsASecretShownOnceAndStoredEncryptedWithItsPassword()
    {
        var name = "http-" + Guid.NewGuid().ToString("N")[..8];
        var saved = new List<int>();
        var form = _page.Context.Render<ChannelForm>(p => p.Add(f => f.NewType, "Http").Add(f => f.OnSaved, id => saved.Add(id)));

        form.Find("input[data-testid=channel-name]").Input(name);
        form.Find("textarea[data-testid=channel-settings]").Input("""{ "Preset": "Vendor", "BaseUrl": "https://sms.example.com", "Account": "C1", "Password": "hunter2-provider-key" }""");
        await form.Find("button[data-testid=channel-save]").ClickAsync(new());

        var secret = form.WaitForElement("input[data-testid=channel-callback-secret]", Wait).GetAttribute("value")!;
        Assert.Matches("^[0-9a-f]{48}$", secret);
        Assert.Contains($"/channels/{name}/receipt?token={secret}", form.Markup, StringComparison.Ordinal);
        Assert.Empty(saved);
        await form.Find("button[data-testid=channel-secret-done]").ClickAsync(new());
        var id = Assert.Single(saved);

        var row = await CountAsync(db => db.ChannelDefinitions.SingleAsync(d => d.Id == id));
        Assert.DoesNotContain("hunter2", row.SettingsJson, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, row.SettingsJson, StringComparison.Ordinal);
        // A receipt for a message the channel carries (one for no message would wait ReceiptProcessor.UnmatchedWait
        // before its answer): the secret opens the door and the receipt is applied.
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 1);
        var upstreamId = "up-" + Guid.NewGuid().ToString("N")[..12];
        var messageId = await CountAsync(async db =>
        {
            var message = new Message
            {
                AccountId = account.Id, Mobile = "13800138000", Text = "【SmsPortal】您的验证码是1234", Parts = 1, Status = MessageStatus.Submitted, Door = SubmissionDoor.VendorApi,
                AcceptedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow, Channel = name, UpstreamId = upstreamId,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        using var client = fixture.Portal.CreateClient();
        var proven = await client.GetAsync($"/channels/{name}/receipt?token={secret}&smsid={upstreamId}&code=2");
        Assert.Equal("success", await proven.Content.ReadAsStringAsync());
        Assert.Equal(MessageStatus.Delivered, await CountAsync(db => db.Messages.Where(m => m.Id == messageId).Select(m => m.Status).SingleAsync()));

        // Opened again, the form masks both, and saving it unchanged keeps them.
        var entry = fixture.Portal.Service<ChannelRegistry>().Entries.Single(e => e.Name == name);
        var edit = _page.Context.Render<ChannelForm>(p => p.Add(f => f.Entry, entry).Add(f => f.OnSaved, saved.Add));
        var shown = edit.Find("textarea[data-testid=channel-settings]").TextContent + edit.Find("textarea[data-testid=channel-settings]").GetAttribute("value");
        Assert.DoesNotContain(secret, edit.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", edit.Markup, StringComparison.Ordinal);
        Assert.Contains("••••••", shown, StringComparison.Ordinal);
        await edit.Find("button[data-testid=channel-save]").ClickAsync(new());
        edit.WaitForAssertion(() => Assert.Equal(2, saved.Count), Wait);
        Assert.Empty(edit.FindAll("[data-testid=channel-callback-secret]"));
        Assert.Equal("success", await (await client.GetAsync($"/channels/{name}/receipt?token={secret}&smsid={upstreamId}&code=2")).Content.ReadAsStringAsync());
        var fresh = fixture.Portal.Service<ChannelRegistry>().Find(name);
        Assert.NotNull(fresh);
    }

    [Theory]
    [InlineData(ChannelSource.Configuration, "This channel comes from configuration (Channels:upstream-a)")]
    [InlineData(ChannelSource.BuiltIn, "This is the built-in simulator.")]
    public void AChannelFromConfigurationIsShownReadOnly(ChannelSource source, string note)
    {
        var entry = new ChannelEntry("upstream-a", "Simulator", source, true, "{}", null, null, null);

        var form = _page.Context.Render<ChannelForm>(p => p.Add(f => f.Entry, entry));

        Assert.Contains(note, form.Find("[data-testid=channel-readonly]").TextContent, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("[data-testid=channel-save]"));
        Assert.Empty(form.FindAll("[data-testid=channel-settings]"));
        Assert.True(form.Find("input[data-testid=channel-name]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TheListShowsLiveStatusAndNeverAPasswordInClear()
    {
        var name = NewName();
        var saved = await Channels.SaveChannelAsync(null, new ChannelInput(name, "Simulator", """{ "Password": "hunter2-secret", "ReceiptDelayMilliseconds": 100 }""", true), "test", CancellationToken.None);
        Assert.True(saved.Ok);

        var page = _page.Render<ChannelsPage>($"[data-testid=channel-{name}]");

        Assert.Equal("Up", page.Find($"[data-testid=up-{name}]").TextContent.Trim());
        Assert.Contains("••••••", page.Find($"[data-testid=settings-{name}]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Built-in", page.Find("[data-testid=channel-simulator]").Parent!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=edit-simulator]"));
        Assert.NotEmpty(page.FindAll($"[data-testid=edit-{name}]"));
        Assert.Contains("Off on this node", page.Find("[data-testid=smpp-server]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChannelARouteUsesCannotBeDeletedAndARenameCarriesItsRoutes()
    {
        var name = NewName();
        var id = (await Channels.SaveChannelAsync(null, new ChannelInput(name, "Simulator", "{}", true), "test", CancellationToken.None)).Id!.Value;
        var route = await Channels.SaveRouteAsync(null, new RouteInput(name, null, "1391", null, 50, 1, 0.03m, true), "test", CancellationToken.None);
        Assert.True(route.Ok);

        var refused = await Channels.DeleteChannelAsync(id, "test", CancellationToken.None);

        Assert.Equal("Problem.ChannelInUse", Assert.Single(refused.Problems).Key);
        Assert.Equal("#" + route.Id, refused.Problems[0].Detail);
        Assert.NotNull(fixture.Portal.Service<ChannelRegistry>().Find(name));

        var renamed = name + "-b";
        Assert.True((await Channels.SaveChannelAsync(id, new ChannelInput(renamed, "Simulator", "{}", true), "test", CancellationToken.None)).Ok);
        Assert.Equal(renamed, await CountAsync(db => db.Routes.Where(r => r.Id == route.Id).Select(r => r.Channel).SingleAsync()));
        Assert.Null(fixture.Portal.Service<ChannelRegistry>().Find(name));
        Assert.NotNull(fixture.Portal.Service<ChannelRegistry>().Find(renamed));

        await Channels.DeleteRouteAsync(route.Id!.Value, "test", CancellationToken.None);
        Assert.True((await Channels.DeleteChannelAsync(id, "test", CancellationToken.None)).Ok);
        Assert.False(fixture.Portal.Service<ChannelRegistry>().Exists(renamed));
    }

    [Fact]
    public async Task BadRouteInputIsExplainedFieldByFieldAndNothingIsSaved()
    {
        var before = await CountAsync(db => db.Routes.CountAsync());
        var saved = new List<int>();
        var form = _page.Context.Render<RouteForm>(p => p.Add(f => f.OnSaved, id => saved.Add(id)));

        form.Find("input[data-testid=route-prefix]").Input("13a");
        form.Find("input[data-testid=route-priority]").Change("1000001");
        form.Find("input[data-testid=route-weight]").Change("0");
        form.Find("input[data-testid=route-cost]").Change("-1");
        await form.Find("button[data-testid=route-save]").ClickAsync(new());

        form.WaitForElement("[data-testid=route-problems]", Wait);
        var markup = form.Markup;
        Assert.Contains("A prefix is digits (139), or a country code, a space and digits", markup, StringComparison.Ordinal);
        Assert.Contains("Priority is a whole number from 0 to 1000000.", markup, StringComparison.Ordinal);
        Assert.Contains("Weight is a whole number from 1 to 1000.", markup, StringComparison.Ordinal);
        Assert.Contains("Cost is from 0 to 1000, at most four decimals.", markup, StringComparison.Ordinal);
        Assert.Empty(saved);
        Assert.Equal(before, await CountAsync(db => db.Routes.CountAsync()));
    }

    [Fact]
    public async Task ARouteToAnUnknownChannelOrAccountIsRefused()
    {
        var result = await Channels.SaveRouteAsync(null, new RouteInput("no-such-channel", 999_999, null, Carrier.Unknown, 1, 1, 0, true), "test", CancellationToken.None);

        Assert.Equal(["Channel:Problem.ChannelUnknown", "Account:Problem.AccountUnknown", "Carrier:Problem.CarrierUnknown"], result.Problems.Select(p => $"{p.Field}:{p.Key}"));
    }

    [Fact]
    public async Task TheTesterShowsTheRulesANumberWouldTryInOrder()
    {
        var name = NewName();
        Assert.True((await Channels.SaveChannelAsync(null, new ChannelInput(name, "Simulator", "{}", true), "test", CancellationToken.None)).Ok);
        var prefix = await Channels.SaveRouteAsync(null, new RouteInput(name, null, "1370", null, 5, 1, 0.02m, true), "test", CancellationToken.None);
        var network = await Channels.SaveRouteAsync(null, new RouteInput("simulator", null, null, Carrier.ChinaMobile, 6, 1, 0.05m, true), "test", CancellationToken.None);

        var trial = Channels.Try(null, "+86 137 0000 1234");

        Assert.Equal("13700001234", trial.Mobile);
        Assert.Equal(Carrier.ChinaMobile, trial.Carrier);
        Assert.Equal([prefix.Id!.Value, network.Id!.Value], trial.Tries.Select(t => t.Route.Id).Where(id => id == prefix.Id || id == network.Id));
        Assert.DoesNotContain(Channels.Try(null, "13300001234").Tries, t => t.Route.Id == prefix.Id || t.Route.Id == network.Id);

        await Channels.DeleteRouteAsync(prefix.Id.Value, "test", CancellationToken.None);
        await Channels.DeleteRouteAsync(network.Id.Value, "test", CancellationToken.None);
    }

    [Fact]
    public async Task ATestSendGoesStraightToTheChannelAndIsNotRecorded()
    {
        var before = await CountAsync(db => db.Messages.CountAsync());

        var (accepted, none) = await Channels.TestSendAsync("simulator", "+86 138 0013 8000", "SmsPortal test", "test", CancellationToken.None);
        var (rejected, _) = await Channels.TestSendAsync("simulator", "13800139999", "SmsPortal test", "test", CancellationToken.None);
        var (_, badNumber) = await Channels.TestSendAsync("simulator", "12345", "SmsPortal test", "test", CancellationToken.None);
        var (_, notLive) = await Channels.TestSendAsync("no-such-channel", "13800138000", "SmsPortal test", "test", CancellationToken.None);

        Assert.Null(none);
        Assert.Equal(ChannelOutcome.Accepted, accepted!.Outcome);
        Assert.Equal(ChannelOutcome.Rejected, rejected!.Outcome);
        Assert.Contains("ESME_RSUBMITFAIL", rejected.Raw, StringComparison.Ordinal);
        Assert.Equal("Problem.NumberInvalid", badNumber!.Key);
        Assert.Equal("Problem.ChannelNotLive", notLive!.Key);
        Assert.Equal(before, await CountAsync(db => db.Messages.CountAsync()));
    }

    [Theory]
    [InlineData("139", "139", true)]
    [InlineData(" 1390 ", "1390", true)]
    [InlineData("852 ", "852 ", true)]
    [InlineData("+852 9", "852 9", true)]
    [InlineData("139 ", "139", true)]
    [InlineData("13a", "13a", false)]
    [InlineData("86 138", "86 138", false)]
    [InlineData("1234567890123456", "1234567890123456", false)]
    public void PrefixesAreReadAsNumbersAreStored(string typed, string stored, bool valid)
    {
        var prefix = ChannelAdministration.NormalisePrefix(typed);

        Assert.Equal((stored, valid), prefix);
    }

    [Fact]
    public void TheFormHasAFieldForEveryDeclaredSettingAndWritesItIntoTheSettings()
    {
        var form = _page.Context.Render<ChannelForm>(p => p.Add(f => f.NewType, "Smpp"));

        foreach (var setting in SmsPortal.Infrastructure.Channels.Settings.SmppChannelDeclaration.All.Settings)
        {
            Assert.NotEmpty(form.FindAll($"[data-testid=setting-{setting.Name}]"));
        }

        Assert.Equal("password", form.Find("input[data-testid=setting-Password]").GetAttribute("type"));
        Assert.Contains("System ID (SystemId)", form.Markup, StringComparison.Ordinal);
        form.Find("input[data-testid=setting-Host]").Change("smsc.example.com");
        form.Find("input[data-testid=setting-Port]").Change("2776");

        var json = form.Find("textarea[data-testid=channel-settings]").GetAttribute("value") ?? form.Find("textarea[data-testid=channel-settings]").TextContent;
        Assert.Contains("\"Host\": \"smsc.example.com\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Port\": 2776", json, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretsAreMaskedWhereverTheyAreInTheSettings() =>
        Assert.Equal("""{"Host":"smsc","Password":"••••••","CallbackSecret":"••••••","Headers":{"Authorization":"••••••"},"Pin":"••••••"}""",
            ChannelAdministration.MaskSecrets(SmsPortal.Infrastructure.Channels.Settings.SmppChannelDeclaration.All, """{"Host":"smsc","Password":"p","CallbackSecret":"s","Headers":{"Authorization":"Bearer x"},"Pin":"1234"}"""));

    private IRenderedComponent<ChannelForm> RenderForm(List<int> saved) =>
        _page.Context.Render<ChannelForm>(p => p.Add(f => f.NewType, "Simulator").Add(f => f.OnSaved, id => saved.Add(id)));

    private static string NewName() => "sim-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<T> CountAsync<T>(Func<SmsPortalDbContext, Task<T>> query)
    {
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
