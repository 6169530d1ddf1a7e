using System.Globalization;
using SmsPortal.Domain.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// On SQLite the per-second and identical-per-minute counts live in the writer's memory, counted from the message
/// table: a restart, or a second process on the same file, must not let a number past those limits.
/// </summary>
public sealed class ShortWindowTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 10, 500, TimeSpan.Zero));
    private readonly string _database = Directory.CreateTempSubdirectory("smsportal-windows-").FullName;
    private PortalFactory _first = default!;
    private TestAccounts.Made _account = default!;

    public async Task InitializeAsync()
    {
        _first = OnTheSameFile();
        _account = await TestAccounts.CreateAsync(_first, credits: 1_000, verified: true, paid: true, signatures: ["快递通"],
            templates: [("note", "您的包裹【code】已到站。", TemplateKind.Notification)]);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_database, recursive: true);
    }

    [Fact]
    public async Task ARestartWithinTheSameSecondAndMinuteStillRefusesTheNumber()
    {
        var api = new VendorClient(_first.CreateClient());
        var perSecond = Mobile();
        var identical = Mobile();
        var template = _account.Templates["note"].ToString(CultureInfo.InvariantCulture);
        Assert.Equal(2, (await api.SubmitAsync(_account.ApiId, _account.ApiKey, identical, "A1", template)).Code);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await api.SubmitAsync(_account.ApiId, _account.ApiKey, identical, "A1", template)).Code);
        Assert.Equal(2, (await api.SubmitAsync(_account.ApiId, _account.ApiKey, perSecond, "1111", "1")).Code);

        await _first.DisposeAsync();
        await using var restarted = OnTheSameFile();
        var again = new VendorClient(restarted.CreateClient());

        Assert.Equal(4080, (await again.SubmitAsync(_account.ApiId, _account.ApiKey, perSecond, "2222", "1")).Code);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var third = await again.SubmitAsync(_account.ApiId, _account.ApiKey, identical, "A1", template);
        Assert.Equal(4080, third.Code);
        Assert.Equal(2, (await again.SubmitAsync(_account.ApiId, _account.ApiKey, perSecond, "3333", "1")).Code);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await again.SubmitAsync(_account.ApiId, _account.ApiKey, identical, "A1", template)).Code);
    }

    [Fact]
    public async Task ASecondProcessOnTheSameFileSeesTheFirstOnesMessages()
    {
        var api = new VendorClient(_first.CreateClient());
        await using var second = OnTheSameFile();
        var other = new VendorClient(second.CreateClient());
        var mobile = Mobile();

        Assert.Equal(2, (await api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "1111", "1")).Code);
        Assert.Equal(4080, (await other.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "2222", "1")).Code);
        Assert.Equal(4080, (await api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "3333", "1")).Code);
    }

    private PortalFactory OnTheSameFile()
    {
        var portal = new PortalFactory { Clock = _clock };
        portal.Settings["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_database, "smsportal.db")}";
        return portal;
    }

    private static string Mobile() => SmsPortal.Tests.Support.Numbers.Deliverable("136");
}
