namespace SmsPortal.Tests.Support;

/// <summary>
/// A test class whose tests each get a portal of their own with the settings the class names (xunit makes one
/// instance per test), started before the test and removed after it.
/// </summary>
public abstract class OwnPortalTests : IAsyncLifetime
{
    protected OwnPortalTests(IReadOnlyDictionary<string, string?> settings, string environmentName = "Development")
    {
        Portal = new PortalFactory { EnvironmentName = environmentName };
        foreach (var (key, value) in settings)
        {
            Portal.Settings[key] = value;
        }
    }

    protected PortalFactory Portal { get; }

    public Task InitializeAsync()
    {
        _ = Portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
