using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Billing;

namespace SmsPortal.Tests.Features.Shell;

/// <summary>What the console serves and says: assets that exist, Chinese throughout, an API reference of the public interfaces only.</summary>
public sealed partial class ConsoleTextsAndAssetsTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/console")]
    public async Task EveryStylesheetAndScriptAPageLinksIsServed(string path)
    {
        var customer = await fixture.CustomerAsync();
        var html = await customer.GetStringAsync(path);

        var assets = AssetLink().Matches(html).Select(m => m.Groups[1].Value).Where(a => !a.StartsWith("http", StringComparison.Ordinal)).ToList();

        Assert.Contains(assets, a => a.StartsWith("app.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await customer.GetAsync("/" + asset.TrimStart('/'));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answers {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TheJobsDashboardSpeaksChineseToAChineseReader()
    {
        var admin = await ChineseAdminAsync();

        var html = await admin.GetStringAsync("/admin/jobs");

        Assert.Contains("作业", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiReferenceListsThePublicInterfacesOnly()
    {
        var document = await Portal.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/messages", paths);
        Assert.Contains("/webservice/sms.php", paths);
        Assert.All(paths, p => Assert.True(p.StartsWith("/api/v1/", StringComparison.Ordinal) || p.StartsWith("/webservice/", StringComparison.Ordinal) || p.StartsWith("/sms/", StringComparison.Ordinal) || p.StartsWith("/isms/", StringComparison.Ordinal), $"{p} is internal"));
    }

    [Fact]
    public async Task TheKeysPageLinksTheApiReference()
    {
        var customer = await fixture.CustomerAsync();

        var html = await customer.GetStringAsync("/console/api-keys");

        Assert.Contains("href=\"/api/docs\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerNotesAreStoredAsKeysAndReadInTheReadersLanguageOldEnglishRowsToo()
    {
        var customer = await fixture.CustomerAsync();
        var accountId = await Portal.QueryAsync(db => db.LedgerEntries.OrderByDescending(e => e.Id).Where(e => e.Kind == LedgerEntryKind.Trial).Select(e => e.AccountId).FirstAsync());
        var stored = await Portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.Trial).Select(e => e.Note).SingleAsync());
        Assert.Equal("#Ledger.Trial", stored);
        // A settlement as the receipt pipeline writes it, in English words.
        await Portal.QueryAsync(async db =>
        {
            var last = await db.LedgerEntries.Where(e => e.AccountId == accountId).OrderByDescending(e => e.Id).FirstAsync();
            db.LedgerEntries.Add(new LedgerEntry { AccountId = accountId, Kind = LedgerEntryKind.Settle, Amount = 0, BalanceAfter = last.BalanceAfter, Reference = "OLD1", Note = "Delivered: 2 charged", CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        var english = await customer.GetStringAsync("/console/billing/ledger.csv");
        await customer.GetAsync("/culture/set?culture=zh-CN&redirectUri=%2F");
        var chinese = await customer.GetStringAsync("/console/billing/ledger.csv");
        await customer.GetAsync("/culture/set?culture=en&redirectUri=%2F");

        Assert.Contains(",Trial credits", english, StringComparison.Ordinal);
        Assert.Contains(",Delivered: 2 charged", english, StringComparison.Ordinal);
        Assert.Contains(",试用赠送条数", chinese, StringComparison.Ordinal);
        Assert.Contains(",已送达：扣除 2 条", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Trial credits", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdjustmentsAuditTextIsReadInTheReadersLanguage()
    {
        await fixture.CustomerAsync();
        var account = await Portal.QueryAsync(db => db.Accounts.OrderByDescending(a => a.Id).FirstAsync());
        var admin = await People.FindAsync(Portal, PortalFactory.AdminEmail);
        var actor = new BillingActor(admin!.Id, PortalFactory.AdminEmail);

        var result = await Portal.Service<AdjustmentService>().AdjustAsync(account.ApiId, 25, "goodwill", actor, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        var detail = await Portal.QueryAsync(db => db.BillingAuditEntries.OrderByDescending(e => e.Id).Select(e => e.Detail).FirstAsync());
        Assert.Equal("Audit.Adjustment", KeyedText.Parse(detail)!.Key);
        var text = Portal.Service<IStringLocalizer<BillingText>>();
        Assert.Matches(@"^\+25 SMS: \d+ → \d+$", UiCulture.Read("en", () => StoredText.Read(text, detail)));
        Assert.Matches(@"^\+25 条：\d+ → \d+$", UiCulture.Read("zh-CN", () => StoredText.Read(text, detail)));
    }

    private async Task<HttpClient> ChineseAdminAsync()
    {
        var admin = await fixture.AdminAsync();
        await admin.GetAsync("/culture/set?culture=zh-CN&redirectUri=%2F");
        return admin;
    }

    [GeneratedRegex("<(?:link[^>]*rel=\"stylesheet\"[^>]*href|script[^>]*src)=\"([^\"]+)\"")]
    private static partial Regex AssetLink();
}
