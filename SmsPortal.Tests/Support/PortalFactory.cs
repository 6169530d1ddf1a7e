using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Tests.Support;

/// <summary>
/// The real portal (Program) on a real SQLite file in a folder of its own, with mail going to a pickup
/// folder the test reads. Settings are applied with UseSetting so Program sees them when it composes services.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@smsportal.test";
    public const string AdminPassword = "Admin#Test2026";
    public const string DemoApiId = "C10000001";
    public const string DemoApiKey = "testdemo0123456789abcdef01234567";

    public PortalFactory()
    {
        Root = Directory.CreateTempSubdirectory("smsportal-test-").FullName;
    }

    /// <summary>A folder that belongs to this portal alone: its database file and its mail.</summary>
    public string Root { get; }

    public string MailFolder => Path.Combine(Root, "mail");

    /// <summary>Where uploaded licences and documents land (outside the web project, like App_Data/uploads).</summary>
    public string UploadFolder => Path.Combine(Root, "uploads");

    /// <summary>Settings on top of the defaults; set them before the first client is created.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Extra services for a test (for example a channel type of its own); set before the first client is created.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>The hosting environment; Production needs Platform:PublicUrl among the settings.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>The portal's clock, when a test needs to move time by hand.</summary>
    public TimeProvider? Clock { get; set; }

    private static readonly Lazy<string> SharedCertificate = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "smsportal-tests", "data-protection.pfx");
        if (!File.Exists(path))
        {
            SmsPortal.Infrastructure.Persistence.DataProtectionCertificate.Create(path, null);
        }

        return path;
    });

    protected virtual IEnumerable<KeyValuePair<string, string?>> DefaultSettings()
    {
        yield return new("Database:Provider", "Sqlite");
        yield return new("ConnectionStrings:Default", $"Data Source={Path.Combine(Root, "smsportal.db")}");
        yield return new("Mail:PickupDirectory", MailFolder);
        yield return new("Review:UploadDirectory", UploadFolder);
        yield return new("Bootstrap:AdminEmail", AdminEmail);
        yield return new("Bootstrap:AdminPassword", AdminPassword);
        yield return new("Bootstrap:DemoApiId", DemoApiId);
        yield return new("Bootstrap:DemoApiKey", DemoApiKey);
        // Tests make the packages they sell; StarterPackageTests turns the Development default back on.
        yield return new("Bootstrap:StarterPackages", "false");
        // Tests write messages into past days; a fold of those days by the recurring job would not see the later ones.
        // DayRollupsTests fold on purpose.
        yield return new("Statistics:Rollups", "false");
        // The tests' push receivers listen on loopback, which pushes may not reach unless an operator allows it.
        yield return new("Pushes:AllowedInternalHosts:0", "127.0.0.1");
        // One certificate for every portal of the run, so that two portals on one database (a second node, a
        // restart) read each other's keys, as nodes sharing the certificate file do; made here, since only
        // Development makes a missing one itself.
        yield return new("DataProtection:CertificatePath", SharedCertificate.Value);
        yield return new("Logging:LogLevel:Default", "Warning");
        yield return new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in DefaultSettings())
        {
            if (!Settings.ContainsKey(key))
            {
                builder.UseSetting(key, value);
            }
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
            if (Clock is not null)
            {
                services.AddSingleton(Clock);
            }

            TestServices?.Invoke(services);
        });
    }

    /// <summary>Serves the portal on a real loopback port (for browsers and clients in other languages) and returns its address.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        var address = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        ClientOptions.BaseAddress = new Uri(address);
        return address;
    }

    /// <summary>A client that keeps cookies and sees redirects; over https outside Development, where cookies are Secure.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = EnvironmentName == "Development" ? ClientOptions.BaseAddress : new Uri("https://localhost"),
        });

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Reads (or changes) the portal's database directly, in a context of its own.</summary>
    public async Task<T> QueryAsync<T>(Func<SmsPortalDbContext, Task<T>> query)
    {
        await using var db = await Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>The message behind an smsid once it meets the condition (dispatch and receipts run in the background).</summary>
    public async Task<Message> MessageWhenAsync(string smsId, Func<Message, bool> condition)
    {
        var id = Message.IdOfSmsId(smsId)!.Value;
        Message? message = null;
        await Eventually.HoldsAsync(async () =>
        {
            message = await QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
            return condition(message);
        }, $"message {smsId} reaches the expected state");
        return message!;
    }

    /// <summary>An account's balance (credits unless told), after checking that it is the sum of its ledger entries in that currency.</summary>
    public async Task<long> CheckedBalanceAsync(int accountId, SmsPortal.Domain.Ledger.LedgerCurrency currency = SmsPortal.Domain.Ledger.LedgerCurrency.Credits)
    {
        var entries = await QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == accountId && e.Currency == currency).OrderBy(e => e.Id).ToListAsync());
        if (entries.Count == 0 && currency != SmsPortal.Domain.Ledger.LedgerCurrency.Credits)
        {
            return 0;
        }

        Assert.Equal(entries.Sum(e => e.Amount), entries[^1].BalanceAfter);
        return entries[^1].BalanceAfter;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection: the temp folder is cleaned by the OS.
        }
    }
}
