using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Bootstrap;

/// <summary>Checks section "Platform" on start; every problem names its setting.</summary>
internal sealed class PlatformOptionsValidator(IHostEnvironment environment) : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        var problems = new List<string>();
        if (options.DefaultSignature.Length is < 2 or > 30)
        {
            problems.Add("Platform:DefaultSignature needs 2 to 30 characters.");
        }

        if (options.TrialCredits is < 0 or > 1_000_000)
        {
            problems.Add("Platform:TrialCredits must be between 0 and 1000000.");
        }

        if (string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            if (!environment.IsDevelopment())
            {
                problems.Add("Platform:PublicUrl is required outside Development: the address people reach the portal at, e.g. https://sms.example.com/ (links in mail and payment callbacks are built from it).");
            }
        }
        else if (!IsHttpUrl(options.PublicUrl))
        {
            problems.Add($"Platform:PublicUrl '{options.PublicUrl}' is not an absolute http or https URL without a query, e.g. https://sms.example.com/.");
        }

        problems.AddRange(options.KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _))
            .Select(p => $"Platform:KnownProxies: '{p}' is not an IP address."));
        problems.AddRange(options.KnownNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _))
            .Select(n => $"Platform:KnownNetworks: '{n}' is not a network in CIDR form, e.g. 10.0.0.0/8."));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
