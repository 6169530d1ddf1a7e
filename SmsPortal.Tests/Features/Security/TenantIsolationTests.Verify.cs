using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Tests.Features.Verify;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// The Verify doors in the isolation matrix: A's service and verification, and C1's (a reseller's customer's), asked
/// for and acted on by every caller (each with its own credentials; the admin and anonymous callers without any) through
/// REST, the vendor-style form API and the Twilio surface. The owner succeeds (the positive control, on a fresh
/// verification of its own so the shared one stays pending); anybody else, R1 on its own customer's service included,
/// sees nothing of the service and changes neither it nor its verification.
/// </summary>
public sealed partial class TenantIsolationTests
{
    /// <summary>A property, not a field: the endpoint list in the other part of this class spreads it while its own fields initialise.</summary>
    public static string[] VerifyRowKeys =>
    [
        "POST /api/v1/verify/services",
        "GET /api/v1/verify/services",
        "GET /api/v1/verify/services/{serviceSid}",
        "POST /api/v1/verify/services/{serviceSid}/verifications",
        "GET /api/v1/verify/services/{serviceSid}/verifications/{verificationSid}",
        "POST /api/v1/verify/services/{serviceSid}/verifications/{verificationSid}/cancel",
        "POST /api/v1/verify/services/{serviceSid}/checks",
        "GET /webservice/verify.php",
        "POST /webservice/verify.php",
        "GET /verify/Start.json",
        "POST /verify/Start.json",
        "GET /verify/Check.json",
        "POST /verify/Check.json",
        "GET /verify/Cancel.json",
        "POST /verify/Cancel.json",
        "POST /v2/Services/",
        "GET /v2/Services/",
        "GET /v2/Services/{serviceSid}",
        "POST /v2/Services/{serviceSid}",
        "POST /v2/Services/{serviceSid}/Verifications",
        "GET /v2/Services/{serviceSid}/Verifications/{verificationSid}",
        "POST /v2/Services/{serviceSid}/Verifications/{verificationSid}",
        "POST /v2/Services/{serviceSid}/VerificationCheck",
    ];

    /// <summary>
    /// Each row tries two services: A's (a direct customer's) and C1's (a reseller's customer's), so the resellers, their
    /// customers and the direct customer are each tried with their own credentials on a service that is not theirs.
    /// </summary>
    private async Task VerifyRowAsync(Caller caller, string endpoint)
    {
        foreach (var shared in new[] { world.AVerify, world.C1Verify })
        {
            await VerifyRowAsync(caller, endpoint, shared, world.OwnerOf(shared));
        }
    }

    private async Task VerifyRowAsync(Caller caller, string endpoint, TenantVerify shared, Tenant owner)
    {
        var before = await VerificationStateAsync(shared.VerificationSid);
        var servicesOfOwner = await world.Portal.QueryAsync(db => db.VerifyServices.CountAsync(s => s.AccountId == owner.AccountId));
        var isOwner = world.TenantOf(caller) == owner;

        // The owner acts on a fresh verification with its right code; everybody else on the shared one with a guess.
        var (target, code) = isOwner ? await FreshVerificationOfAsync(owner, shared) : (shared.VerificationSid, "000000");
        using var request = VerifyRequest(caller, endpoint, owner, shared, target, code);
        var url = request.RequestUri!.ToString();
        using var response = await world.ClientOf(caller).SendAsync(request);
        var seen = await SeenAsync(response);
        var succeeded = endpoint.Contains(" /verify/", StringComparison.Ordinal) || endpoint.Contains("verify.php", StringComparison.Ordinal)
            ? VendorCode().Match(seen) is { Success: true } match && match.Groups[1].Value == "2"
            : response.IsSuccessStatusCode;
        if (isOwner)
        {
            Assert.True(succeeded, $"{caller} {endpoint} on its own service: {response.StatusCode} {seen}");
            return;
        }

        // Anybody with an account may make and list services of its own; nothing else it asks of the owner's may go through.
        var ownCall = world.MemberOf(caller) is not null && endpoint is "POST /api/v1/verify/services" or "GET /api/v1/verify/services" or "POST /v2/Services/" or "GET /v2/Services/";
        Assert.True(!succeeded || ownCall, $"LEAK: {caller} {endpoint} on {owner.Company}'s service went through: {response.StatusCode} {seen}");
        Assert.True((int)response.StatusCode < 500, $"{caller} {endpoint}: {response.StatusCode}");
        AssertNothingOf(owner, caller, url, response, seen);
        foreach (var other in world.ForeignTo(caller))
        {
            AssertNothingOf(other, caller, url, response, seen);
        }

        Assert.DoesNotContain(shared.ServiceName, seen, StringComparison.Ordinal);
        foreach (var sid in new[] { shared.ServiceSid, shared.VerificationSid }.Where(sid => !url.Contains(sid, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(sid, seen, StringComparison.Ordinal);
        }

        Assert.Equal(before, await VerificationStateAsync(shared.VerificationSid));
        Assert.Equal(servicesOfOwner, await world.Portal.QueryAsync(db => db.VerifyServices.CountAsync(s => s.AccountId == owner.AccountId)));
    }

    /// <summary>A caller with an account sends its own credentials; the admin and anonymous callers the owner's API ID without its key.</summary>
    private HttpRequestMessage VerifyRequest(Caller caller, string endpoint, Tenant owner, TenantVerify shared, string verification, string code)
    {
        var service = shared.ServiceSid;
        var member = world.MemberOf(caller);
        var (apiId, apiKey) = member is null ? (owner.ApiId, "") : (member.ApiId, member.ApiKey);
        var method = endpoint.StartsWith("GET ", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post;
        var path = endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..].Replace("{serviceSid}", service, StringComparison.Ordinal).Replace("{verificationSid}", verification, StringComparison.Ordinal).TrimEnd('/');
        if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent.Create(path.EndsWith("/services", StringComparison.Ordinal) ? new { name = "Isolation" }
                    : path.EndsWith("/verifications", StringComparison.Ordinal) ? new { mobile = FreshMobile() }
                    : (object)new { verificationSid = verification, code });
            }

            if (member is not null)
            {
                request.Headers.Add("X-Api-Id", apiId);
                request.Headers.Add("X-Api-Key", apiKey);
            }

            return request;
        }

        if (path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            var fields = path switch
            {
                "/v2/Services" => new Dictionary<string, string> { ["FriendlyName"] = "Isolation" },
                _ when path.EndsWith("/Verifications", StringComparison.Ordinal) => new() { ["To"] = "+86" + FreshMobile(), ["Channel"] = "sms" },
                _ when path.EndsWith("/VerificationCheck", StringComparison.Ordinal) => new() { ["VerificationSid"] = verification, ["Code"] = code },
                _ when path.Contains("/Verifications/", StringComparison.Ordinal) => new() { ["Status"] = "canceled" },
                _ => new() { ["FriendlyName"] = world.TenantOf(caller) == owner ? shared.ServiceName : "Hijacked" },
            };
            var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new FormUrlEncodedContent(fields) : null };
            if (member is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId + ":" + apiKey)));
            }

            return request;
        }

        var action = path == "/webservice/verify.php" ? "Check" : Path.GetFileNameWithoutExtension(path);
        var form = new Dictionary<string, string> { ["account"] = apiId, ["password"] = apiKey, ["serviceid"] = service, ["method"] = action };
        if (action == "Start")
        {
            form["mobile"] = FreshMobile();
        }
        else
        {
            form["verifyid"] = verification;
            form["code"] = code;
        }

        return method == HttpMethod.Get
            ? new HttpRequestMessage(method, path + "?" + string.Join('&', form.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")))
            : new HttpRequestMessage(method, path) { Content = new FormUrlEncodedContent(form) };
    }

    private async Task<(string Sid, string Code)> FreshVerificationOfAsync(Tenant owner, TenantVerify shared)
    {
        var (sid, _, code) = await VerifyRestClient.For(world.Portal, owner.ApiId, owner.ApiKey).StartAndReadAsync(shared.ServiceSid, FreshMobile());
        return (sid, code);
    }

    private Task<string> VerificationStateAsync(string sid) => world.Portal.QueryAsync(db =>
        db.Verifications.Where(v => v.Sid == sid).Select(v => v.Status + "/" + v.Checks + "/" + v.Sends).SingleAsync());

    [GeneratedRegex("(?:\"code\":|<code>)([0-9]+)")]
    private static partial Regex VendorCode();
}
