using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

/// <summary>
/// A browser session whose portal's simulator channel carries numbers abroad (a <c>+</c> route, decision 0035). No country
/// abroad is allowed by the platform: the journey's admin enables them for the account.
/// </summary>
public sealed class InternationalBrowserSession : IAsyncLifetime
{
    public InternationalBrowserSession() => Session.Portal.Settings["Channels:Simulator:Prefixes"] = "+";

    public BrowserSession Session { get; } = new();

    public Task InitializeAsync() => Session.InitializeAsync();

    public Task DisposeAsync() => Session.DisposeAsync();
}
