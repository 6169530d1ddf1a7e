using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmsPortal.Domain.Abuse;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Abuse;

/// <summary>
/// The abuse defence through HTTP on a real SQLite file: SMS pumping into one range, the velocity limits per number,
/// client address and account, and a Verify service's daily cap. A refusal is a clear code and costs nothing.
/// </summary>
public sealed class AbuseDefenceTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Clock = _clock;
        _portal.Settings["Abuse:PumpingThreshold"] = "20";
        _portal.Settings["Abuse:PerNumber:Limit"] = "3";
        _portal.Settings["Abuse:PerAddress:Limit"] = "40";
        _portal.Settings["Abuse:PerAddress:WindowSeconds"] = "3600";
        _portal.Settings["Abuse:PerAccount:Limit"] = "30";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ABurstOfCodesIntoOneRangeIsCutOffAtTheThresholdWhileAnotherAccountKeepsSendingAndTheOwnerIsMailed()
    {
        var pumper = await TestAccounts.CreateAsync(_portal, credits: 1_000, verified: true, paid: true);
        var owner = await OwnerAsync(pumper.Id);
        var honest = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        var pumperApi = VerifyRestClient.For(_portal, pumper.ApiId, pumper.ApiKey);
        var honestApi = VerifyRestClient.For(_portal, honest.ApiId, honest.ApiKey);
        var service = await pumperApi.CreateServiceAsync(new { name = "Sign-up" });
        var honestService = await honestApi.CreateServiceAsync(new { name = "Login" });

        // 500 numbers of one range of 10 000 (+86 139 5555 xxxx), in random order, from many client addresses. None ends in
        // 0000 (the simulator receipts those UNDELIV, and a refund among the 20 that go would change the balance checked below).
        var numbers = Enumerable.Range(1, 500).Select(i => "1395555" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).OrderBy(_ => Random.Shared.Next()).ToList();
        var answers = new List<(HttpStatusCode Status, int? Code)>();
        foreach (var (number, i) in numbers.Select((n, i) => (n, i)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/verify/services/{service}/verifications") { Content = JsonContent.Create(new { mobile = number }) };
            request.Headers.Add(TestClientAddress.Header, $"10.0.{i / 200}.{i % 200}");
            var response = await pumperApi.Http.SendAsync(request);
            answers.Add((response.StatusCode, response.IsSuccessStatusCode ? null : await VerifyRestClient.CodeOfProblemAsync(response)));
        }

        var honestStart = await honestApi.StartAsync(honestService, "13955550001");
        var twilioAfterBlock = await TwilioStartAsync(pumper, service, "+8613955559999");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 20), answers.Take(20).Select(a => a.Status));
        Assert.All(answers.Skip(20), a => Assert.Equal((HttpStatusCode.Forbidden, (int?)4031), a));
        Assert.Equal(HttpStatusCode.Created, honestStart.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, twilioAfterBlock.StatusCode);
        Assert.Equal(60410, (await twilioAfterBlock.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());

        // Charged for the 20 codes that went, nothing for the 480 refused; one durable block, with its expiry.
        Assert.Equal(1_000 - 20, await _portal.CheckedBalanceAsync(pumper.Id));
        Assert.Equal(20, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == pumper.Id)));
        var block = Assert.Single(await _portal.QueryAsync(db => db.RangeBlocks.Where(b => b.AccountId == pumper.Id).ToListAsync()));
        Assert.Equal("+861395555", block.Range);
        Assert.Equal(_clock.GetUtcNow().AddHours(24), block.ExpiresAt);
        Assert.Empty(await _portal.QueryAsync(db => db.RangeBlocks.Where(b => b.AccountId == honest.Id).ToListAsync()));
        var refused = await _portal.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == pumper.Id).ToListAsync());
        Assert.Equal(481, refused.Sum(r => r.Count));
        Assert.Contains(refused, r => r.Rule == AbuseRule.Pumping && r.Count == 1);

        await Eventually.HoldsAsync(() => MailsTo(owner).Any(m => m.Subject!.Contains("SMS pumping", StringComparison.Ordinal) && (m.HtmlBody ?? "").Contains("+861395555xxxx", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the owner is mailed about the blocked range");
    }

    [Fact]
    public async Task AfterTheOwnerLiftsTheBlockTheRangeTakesCodesAgain()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        var api = VerifyRestClient.For(_portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Sign-up" });
        for (var i = 0; i < 21; i++)
        {
            await api.StartAsync(service, "1396666" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        }

        var blocked = await api.StartAsync(service, "13966669999");
        var block = await _portal.QueryAsync(db => db.RangeBlocks.SingleAsync(b => b.AccountId == account.Id));
        Assert.False(await _portal.Service<SmsPortal.Infrastructure.Abuse.RangeBlocks>().LiftAsync(account.Id + 1, block.Id, CancellationToken.None));
        Assert.True(await _portal.Service<SmsPortal.Infrastructure.Abuse.RangeBlocks>().LiftAsync(account.Id, block.Id, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(10));
        var afterLift = await api.StartAsync(service, "13966669999");

        Assert.Equal(4031, await VerifyRestClient.CodeOfProblemAsync(blocked));
        Assert.Equal(HttpStatusCode.Created, afterLift.StatusCode);
    }

    [Fact]
    public async Task SendsToOneNumberFromAllAccountsStopAtTheLimitPerNumberAndTheRefusedOneCostsNothing()
    {
        var first = await TestAccounts.CreateAsync(_portal, credits: 100);
        var second = await TestAccounts.CreateAsync(_portal, credits: 100);
        var mobile = VerifyRestClient.NewMobile();

        var answers = new List<HttpResponseMessage>();
        foreach (var account in new[] { first, second, first, second })
        {
            answers.Add(await SendAsync(account, mobile, "10.1.0.1"));
            _clock.Advance(TimeSpan.FromSeconds(2));
        }

        var toAnother = await SendAsync(second, VerifyRestClient.NewMobile(), "10.1.0.1");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var problem = await answers[3].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4086, problem.GetProperty("code").GetInt32());
        Assert.Equal("同一手机号码发送频率超出限制【3】条", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Accepted, toAnother.StatusCode);
        Assert.Equal(100 - 2, await _portal.CheckedBalanceAsync(first.Id));
        Assert.Equal(100 - 2, await _portal.CheckedBalanceAsync(second.Id));
    }

    [Fact]
    public async Task OneClientAddressStopsAtItsLimitWhileAnotherAddressOfTheSameAccountGoesOn()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 41; i++)
        {
            // Each number in a range of its own: only the address is common.
            answers.Add(await SendAsync(account, "139" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "0001", "10.2.0.1"));
            if (i % 20 == 19)
            {
                // The account's own limit (30 a minute) is not what stops it.
                _clock.Advance(TimeSpan.FromSeconds(60 - (_clock.GetUtcNow().ToUnixTimeSeconds() % 60)));
            }
        }

        var elsewhere = await SendAsync(account, "13900000002", "10.2.0.2");

        Assert.All(answers.Take(40), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[40].StatusCode);
        Assert.Equal(4087, await VerifyRestClient.CodeOfProblemAsync(answers[40]));
        Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);
        Assert.Equal(100 - 41, await _portal.CheckedBalanceAsync(account.Id));
    }

    [Fact]
    public async Task OneAccountStopsAtItsLimitWhileAnotherAccountGoesOn()
    {
        var busy = await TestAccounts.CreateAsync(_portal, credits: 100);
        var other = await TestAccounts.CreateAsync(_portal, credits: 100);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 31; i++)
        {
            answers.Add(await SendAsync(busy, "139" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "0001", "10.3.0." + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var fromOther = await SendAsync(other, "13900000003", "10.3.1.1");

        Assert.All(answers.Take(30), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(4088, await VerifyRestClient.CodeOfProblemAsync(answers[30]));
        Assert.Equal(HttpStatusCode.Accepted, fromOther.StatusCode);
        Assert.Equal(100 - 30, await _portal.CheckedBalanceAsync(busy.Id));
    }

    [Fact]
    public async Task AVerifyServiceStopsAtItsDailyCapChargesNothingMoreAndSendsAgainTheNextDay()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        var api = VerifyRestClient.For(_portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Capped", dailyCap = 2 });
        var other = await api.CreateServiceAsync(new { name = "Other" });

        var first = await api.StartAsync(service, VerifyRestClient.NewMobile());
        var second = await api.StartAsync(service, VerifyRestClient.NewMobile());
        var third = await api.StartAsync(service, VerifyRestClient.NewMobile());
        var twilio = await TwilioStartAsync(account, service, "+86" + VerifyRestClient.NewMobile());
        var throughOther = await api.StartAsync(other, VerifyRestClient.NewMobile());
        var balance = await _portal.CheckedBalanceAsync(account.Id);
        _clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await api.StartAsync(service, VerifyRestClient.NewMobile());

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], new[] { first, second, third }.Select(a => a.StatusCode));
        Assert.Equal(4099, await VerifyRestClient.CodeOfProblemAsync(third));
        Assert.Equal(60203, (await twilio.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.Created, throughOther.StatusCode);
        Assert.Equal(100 - 3, balance);
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        Assert.Equal(2, await _portal.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == account.Id && r.Rule == AbuseRule.SpendCap).SumAsync(r => r.Count)));
        Assert.Equal(3, await _portal.QueryAsync(db => db.Verifications.CountAsync(v => v.AccountId == account.Id && v.ServiceId == db.VerifyServices.Single(s => s.Sid == service).Id)));
    }

    private Task<HttpResponseMessage> SendAsync(TestAccounts.Made account, string mobile, string address) => VerifyRestClient.SendSmsAsync(_portal, account, mobile, address);

    private Task<HttpResponseMessage> TwilioStartAsync(TestAccounts.Made account, string service, string to) => VerifyRestClient.TwilioStartAsync(_portal, account, service, to);

    private async Task<string> OwnerAsync(int accountId)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        using var scope = _portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var made = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = accountId, IsAccountOwner = true, CreatedAt = _clock.GetUtcNow() });
        Assert.True(made.Succeeded, string.Join(", ", made.Errors.Select(e => e.Description)));
        return email;
    }

    private List<MimeMessage> MailsTo(string email) =>
        Directory.Exists(_portal.MailFolder)
            ? new DirectoryInfo(_portal.MailFolder).GetFiles("*.eml").Select(f => MimeMessage.Load(f.FullName)).Where(m => m.To.Mailboxes.Any(x => x.Address == email)).ToList()
            : [];
}
