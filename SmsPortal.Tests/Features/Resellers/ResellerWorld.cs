using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Resellers;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>Resellers made the way an admin makes them (the admin service), and their REST API as a reseller calls it.</summary>
internal static class ResellerWorld
{
    public static ResellerSettings Settings(string host, long trialCredits = 0, string name = "Agent One") =>
        new(name, "#AA3300", "#0055AA", "0591-88880000", "help@" + host, "代理短信", [host], WholesaleUnit.PerSms, 0.035m, null, trialCredits);

    /// <summary>A new account with <paramref name="credits"/> made a reseller answering on a host of its own.</summary>
    public static async Task<(TestAccounts.Made Account, string Host)> NewResellerAsync(PortalFactory portal, long credits, long trialCredits = 0, string name = "Agent One")
    {
        var account = await TestAccounts.CreateAsync(portal, credits, paid: true);
        var host = $"r{Guid.NewGuid():N}"[..13] + ".agent.test";
        var saved = await portal.Service<ResellerAdministration>().SaveAsync(account.ApiId, Settings(host, trialCredits, name), BillingWorld.Admin, CancellationToken.None);
        Assert.True(saved.Ok, saved.Error);
        return (account, host);
    }

    public static ResellerApi Api(PortalFactory portal, TestAccounts.Made reseller) => new(portal.CreateClient(), reseller.ApiId, reseller.ApiKey);

    /// <summary>Every ledger entry and audit line of the portal, to prove that a refusal wrote nothing.</summary>
    public static Task<(int Entries, int Audit, int Accounts)> CountsAsync(PortalFactory portal) => portal.QueryAsync(async db =>
        (await db.LedgerEntries.CountAsync(), await db.BillingAuditEntries.CountAsync(), await db.Accounts.CountAsync()));
}

internal sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body)
{
    public string? Error => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var e) ? e.GetString() : null;

    public string Title => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";

    public override string ToString() => $"{(int)Status} {Body}";
}

internal sealed class ResellerApi(HttpClient client, string apiId, string apiKey)
{
    public Task<ApiAnswer> CreateCustomerAsync(string? name) => SendAsync(HttpMethod.Post, "/api/v1/customers", new { name });

    public Task<ApiAnswer> ListAsync(string query = "") => SendAsync(HttpMethod.Get, "/api/v1/customers" + query, null);

    public Task<ApiAnswer> TransferAsync(string customerApiId, long credits, string? reason) =>
        SendAsync(HttpMethod.Post, $"/api/v1/customers/{Uri.EscapeDataString(customerApiId)}/transfers", new { credits, reason });

    public Task<ApiAnswer> TakeBackAsync(string customerApiId, long credits, string? reason) =>
        SendAsync(HttpMethod.Post, $"/api/v1/customers/{Uri.EscapeDataString(customerApiId)}/take-backs", new { credits, reason });

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Api-Id", apiId);
        request.Headers.Add("X-Api-Key", apiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
