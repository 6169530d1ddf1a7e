namespace SmsPortal.Tests.Support;

/// <summary>
/// A portal on SQLite whose records' text index moves only when a test calls <c>MessageTextIndex.CatchUpAsync</c>
/// (<c>Records:TextIndex=false</c> stops the background step), so a test knows which messages the index holds.
/// </summary>
public sealed class ManualTextIndexFixture : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.Settings["Records:TextIndex"] = "false";
        _ = Portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
