using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SmsPortal.Tests.Support;

/// <summary>
/// A portal listening on a real loopback port, for tests where the portal calls itself over HTTP (payment
/// notifications posted by a background job) or a real client must reach it.
/// </summary>
public class KestrelPortal<TFactory> : IAsyncLifetime where TFactory : PortalFactory, new()
{
    public TFactory Portal { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public Task InitializeAsync()
    {
        Portal.UseKestrel(0);
        Portal.StartServer();
        var addresses = Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Portal.ClientOptions.BaseAddress = new Uri(BaseUrl);
        return Task.CompletedTask;
    }

    /// <summary>A client over real HTTP that keeps cookies and does not follow redirects (the factory's own clients do, on Kestrel).</summary>
    public HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(BaseUrl) };

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

public sealed class SqliteKestrelPortal : KestrelPortal<PortalFactory>;

public sealed class PostgresKestrelPortal : KestrelPortal<PostgresPortalFactory>;
