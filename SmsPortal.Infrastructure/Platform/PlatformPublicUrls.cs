using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Bootstrap;

namespace SmsPortal.Infrastructure.Platform;

/// <summary>
/// <c>Platform:PublicUrl</c> (a reseller's own host name in its place for the reseller's people); without it (allowed in Development only) the address this process listens on, so a
/// developer's links work without a setting and still never come from a request.
/// </summary>
internal sealed class PlatformPublicUrls(IOptions<PlatformOptions> options, IServiceProvider services, IConfiguration configuration, Resellers.Brands brands) : IPublicUrls
{
    private readonly Uri? _configured = string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? null : WithSlash(options.Value.PublicUrl.Trim());

    /// <summary>The platform's address, or for a reseller and its customers the same scheme and port on the reseller's first host name.</summary>
    public async ValueTask<Uri> BaseForAsync(int? accountId, CancellationToken cancellationToken)
    {
        var platform = _configured ?? ListeningAddress();
        return await brands.ForAccountAsync(accountId, cancellationToken) is { } brand
            ? new UriBuilder(platform) { Host = brand.Host, Path = "/" }.Uri
            : platform;
    }

    private Uri ListeningAddress()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var configured = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = addresses.Concat(configured).OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault()
            ?? "http://localhost:5000";
        // A wildcard binding is not an address a browser can open.
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            address = address.Replace(wildcard, "://localhost:", StringComparison.Ordinal);
        }

        return WithSlash(address);
    }

    private static Uri WithSlash(string address) => new(address.EndsWith('/') ? address : address + "/");
}
