using System.Net;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Web.Features.VendorApi;

namespace SmsPortal.Web.Features.ApiAccess;

/// <summary>
/// ASP.NET Core's rate limiter on the vendor API and REST, partitioned by client address
/// (RateLimits:PerAddressPerSecond), before anything is read or checked. The per-account limit comes after the
/// credentials (<see cref="AccountRateLimiter"/>). A refusal is the door's own answer: the vendor's layout with
/// code 4089 on the vendor API, a 429 problem with code 4089 on REST, both with Retry-After.
/// </summary>
internal static class ApiRateLimiting
{
    public const string PerAddress = "api-per-address";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PerAddress, context =>
            {
                var perSecond = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.PerAddressPerSecond;
                return AccountRateLimiter.Partition(AddressOf(context) ?? "", perSecond);
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = "1";
                IResult answer;
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    answer = TooFrequentProblem();
                }
                else
                {
                    // As every vendor refusal: HTTP 200, the code in the body. Nothing of the body is read for a
                    // refusal: the path and the query say the layout.
                    http.Response.StatusCode = StatusCodes.Status200OK;
                    var (json, method) = VendorAnswers.StyleOf(http.Request);
                    answer = VendorAnswers.Refusal(json, method, ResultCode.TooFrequent);
                }

                await answer.ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>The caller's address as the doors compare it (an IPv4 caller on a dual-stack socket as IPv4).</summary>
    public static string? AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        return address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>REST's answer when a queue or a rate is full: 429 with the vendor code 4089.</summary>
    public static IResult TooFrequentProblem() => Results.Problem(
        title: ResultMessages.Submit(ResultCode.TooFrequent),
        statusCode: (int)HttpStatusCode.TooManyRequests,
        extensions: new Dictionary<string, object?> { ["code"] = (int)ResultCode.TooFrequent });
}
