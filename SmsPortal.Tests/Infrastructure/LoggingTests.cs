using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

public sealed class LoggingTests
{
    [Fact]
    public async Task NoLogLineEverHoldsAPasswordOrAnApiKey()
    {
        var lines = new ConcurrentQueue<string>();
        await using var portal = new CapturingPortal(lines);
        var email = $"logs-{Guid.NewGuid():N}@example.com";
        const string password = "Secret#Log2026xyz";

        var client = await People.RegisteredCustomerAsync(portal, email, password);
        await People.SignInAsync(portal.CreateBrowserLikeClient(), email, "Wrong#Log2026xyz");
        var user = await People.FindAsync(portal, email);
        var accounts = portal.Service<AccountService>();
        var rotated = await accounts.RotateKeyAsync(user!.AccountId!.Value, CancellationToken.None);
        await accounts.FindByCredentialsAsync("C00000000", rotated, CancellationToken.None);
        client.Dispose();

        Assert.NotEmpty(lines);
        foreach (var secret in new[] { password, "Wrong#Log2026xyz", PortalFactory.AdminPassword, PortalFactory.DemoApiKey, rotated })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingPortal(ConcurrentQueue<string> lines) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CaptureProvider(lines)));
        }
    }

    private sealed class CaptureProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CaptureLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CaptureLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {formatter(state, exception)} {structured} {exception}");
        }
    }
}
