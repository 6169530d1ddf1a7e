using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>Verify's races on PostgreSQL, with two nodes on one database: one pending code per number, one approval, the code hidden once done, one call charged once.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresVerifyTests : IAsyncLifetime
{
    private readonly PostgresPortalFactory _first;
    private readonly PortalFactory _second;

    public PostgresVerifyTests()
    {
        _first = new PostgresPortalFactory();
        _second = _first.AnotherNode();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodesSendOneCodeToANumberAndApproveItOnce()
    {
        var account = await TestAccounts.CreateAsync(_first, credits: 50, verified: true, paid: true);
        var nodes = new[] { VerifyRestClient.For(_first, account.ApiId, account.ApiKey), VerifyRestClient.For(_second, account.ApiId, account.ApiKey) };
        var service = await nodes[0].CreateServiceAsync(new { name = "Two nodes" });
        var mobile = VerifyRestClient.NewMobile();

        var starts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => nodes[i % 2].StartAsync(service, mobile)));
        var started = starts.Single(s => s.StatusCode == HttpStatusCode.Created);
        var smsId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("smsId").GetString()!;
        var code = await nodes[0].CodeInAsync(smsId);
        await _first.MessageWhenAsync(smsId, m => m.Status is not (MessageStatus.Accepted or MessageStatus.Dispatching));
        var checks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => nodes[i % 2].CheckAsync(service, mobile, code)));

        Assert.All(starts.Where(s => s != started), s => Assert.Equal(HttpStatusCode.TooManyRequests, s.StatusCode));
        Assert.Equal(1, await _first.QueryAsync(db => db.Verifications.CountAsync(v => v.Mobile == mobile)));
        Assert.Single(checks, c => c.StatusCode == HttpStatusCode.OK);
        var text = await _first.QueryAsync(db => db.Messages.Where(m => m.Mobile == mobile).Select(m => m.Text).SingleAsync());
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoNodesPlaceACallOnceAndChargeItOnce()
    {
        var account = await TestAccounts.CreateAsync(_first, credits: 5, verified: true, paid: true);
        var api = VerifyRestClient.For(_first, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Voice on two nodes" });
        var mobile = VerifyRestClient.NewMobile();

        var started = await api.Http.PostAsJsonAsync($"/api/v1/verify/services/{service}/verifications", new { mobile, channel = "call" });
        var sid = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
        await Eventually.HoldsAsync(
            async () => await _first.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.Reference == sid && e.Kind == SmsPortal.Domain.Ledger.LedgerEntryKind.Settle)) == 1,
            "the call is placed and its charge kept", TimeSpan.FromSeconds(30));

        var calls = new[] { _first, _second }.Sum(node => node.Service<SmsPortal.Infrastructure.Channels.Voice.VoiceSimulator>().Calls.Count(c => c.Sid == sid));
        Assert.Equal(1, calls);
        Assert.Equal(2, await _first.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.Reference == sid)));
        Assert.Equal(5 - 1, await _first.CheckedBalanceAsync(account.Id));
    }
}
