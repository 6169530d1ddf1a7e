namespace SmsPortal.Tests.Support;

/// <summary>One portal shared by a class, started with settings of its own on top of the defaults.</summary>
public abstract class ConfiguredPortalFixture : IAsyncLifetime
{
    protected ConfiguredPortalFixture(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
        {
            Portal.Settings[key] = value;
        }
    }

    public PortalFactory Portal { get; } = new();

    public Task InitializeAsync()
    {
        _ = Portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
