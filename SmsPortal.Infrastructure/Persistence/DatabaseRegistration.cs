using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmsPortal.Infrastructure.Persistence;

internal static class DatabaseRegistration
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{SmsPortalDbContext}"/> (what services use, one context per
    /// operation) and a scoped <see cref="SmsPortalDbContext"/> (what Identity and data protection use),
    /// both backed by the provider's own context type.
    /// </summary>
    public static DatabaseProvider AddSmsPortalDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        var providerText = section["Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new ConfigurationException("Database:Provider", $"'{providerText}' is not a database provider. Use Sqlite or PostgreSql.");
        }

        var connectionString = configuration.GetConnectionString("Default");
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = SqliteConnectionString(connectionString, environment.ContentRootPath);
                var setup = new SqliteConnectionSetup(SynchronousSetting(section["SqliteSynchronous"]), new SqliteConnectionStringBuilder(connectionString).DefaultTimeout);
                services.AddSingleton(setup);
                services.AddDbContextFactory<SqliteSmsPortalDbContext>(o => o
                    .UseSqlite(connectionString, s => s.MigrationsHistoryTable("__ef_migrations"))
                    .AddInterceptors(setup));
                services.AddSingleton<IDbContextFactory<SmsPortalDbContext>>(sp => new ProviderContextFactory<SqliteSmsPortalDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteSmsPortalDbContext>>()));
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new ConfigurationException("ConnectionStrings:Default", "PostgreSql needs a connection string, for example Host=db;Database=smsportal;Username=smsportal;Password=….");
                }

                services.AddDbContextFactory<PostgresSmsPortalDbContext>(o => o.UseNpgsql(connectionString, s => s.MigrationsHistoryTable("__ef_migrations")));
                services.AddSingleton<IDbContextFactory<SmsPortalDbContext>>(sp => new ProviderContextFactory<PostgresSmsPortalDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresSmsPortalDbContext>>()));
                break;
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>().CreateDbContext());
        services.Configure<DatabaseOptions>(o => o.Provider = provider);
        return provider;
    }

    private static SqliteSynchronous SynchronousSetting(string? text) =>
        string.IsNullOrWhiteSpace(text) ? SqliteSynchronous.Full
        : Enum.TryParse<SqliteSynchronous>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw new ConfigurationException("Database:SqliteSynchronous", $"'{text}' is not a synchronous mode. Use Full (the default) or Normal.");

    /// <summary>The default is a file under App_Data; a relative file name is taken from the content root, not the working directory.</summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/smsportal.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<SmsPortalDbContext>
        where TContext : SmsPortalDbContext
    {
        public SmsPortalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
