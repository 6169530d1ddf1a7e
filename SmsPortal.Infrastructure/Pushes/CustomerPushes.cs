using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Pushes;

public enum PushKind
{
    Receipt,
    Reply,
    ReviewResult,
}

/// <summary>
/// Pushes to the customer's URLs in the vendor's form: a form-encoded POST, acknowledged by the body
/// <c>success</c>; otherwise tried again, 3 pushes at most, each gap 60 s longer than the one before.
/// Each push carries <c>X-SmsPortal-Signature: sha256=…</c>, an HMAC of the body with the account's push
/// secret, for receivers that check one (the vendor's receivers simply ignore the header).
/// </summary>
public sealed class CustomerPushes(IBackgroundJobClient jobs)
{
    public const int MaxAttempts = 3;

    public static readonly TimeSpan GapStep = TimeSpan.FromSeconds(60);

    /// <summary>Queues the first push; a URL that is not http(s) is ignored, as the console refuses to store one.</summary>
    public void Enqueue(int accountId, PushKind kind, string? url, IReadOnlyDictionary<string, string> fields)
    {
        if (!IsPushableUrl(url))
        {
            return;
        }

        var copy = new Dictionary<string, string>(fields);
        jobs.Enqueue<CustomerPushJob>(job => job.PushAsync(accountId, kind, url!, copy, 1, CancellationToken.None));
    }

    public static bool IsPushableUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>One push attempt; schedules the next one when the receiver did not answer <c>success</c>.</summary>
public sealed partial class CustomerPushJob(
    IHttpClientFactory http,
    IDbContextFactory<SmsPortalDbContext> contexts,
    PushSecrets secrets,
    IBackgroundJobClient jobs,
    ILogger<CustomerPushJob> logger)
{
    public const string HttpClientName = "customer-pushes";

    [AutomaticRetry(Attempts = 0)]
    public async Task PushAsync(int accountId, PushKind kind, string url, Dictionary<string, string> fields, int attempt, CancellationToken cancellationToken)
    {
        var body = new FormUrlEncodedContent(fields);
        var bytes = await body.ReadAsByteArrayAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var secret = await secrets.GetAsync(db, accountId, cancellationToken);
            request.Headers.Add("X-SmsPortal-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        }

        string outcome;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var answer = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            if (response.IsSuccessStatusCode && string.Equals(answer, "success", StringComparison.OrdinalIgnoreCase))
            {
                LogDelivered(logger, kind, accountId, attempt);
                return;
            }

            outcome = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            outcome = exception.GetType().Name;
        }

        if (attempt >= CustomerPushes.MaxAttempts)
        {
            LogGaveUp(logger, kind, accountId, attempt, outcome);
            return;
        }

        LogRetry(logger, kind, accountId, attempt, outcome);
        jobs.Schedule<CustomerPushJob>(job => job.PushAsync(accountId, kind, url, fields, attempt + 1, CancellationToken.None), CustomerPushes.GapStep * attempt);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} push for account {AccountId} acknowledged on attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, PushKind kind, int accountId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} push for account {AccountId} not acknowledged on attempt {Attempt} ({Outcome}); trying again later")]
    private static partial void LogRetry(ILogger logger, PushKind kind, int accountId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} push for account {AccountId} given up after {Attempt} attempts ({Outcome})")]
    private static partial void LogGaveUp(ILogger logger, PushKind kind, int accountId, int attempt, string outcome);
}

/// <summary>Each account's push-signing secret, made on first use and kept encrypted.</summary>
public sealed class PushSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SmsPortal.PushSecrets.v1");

    public async Task<string> GetAsync(SmsPortalDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        if (account.ProtectedPushSecret is { } stored)
        {
            return _protector.Unprotect(stored);
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        account.ProtectedPushSecret = _protector.Protect(secret);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }
}
