using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Bootstrap;

/// <summary>
/// Brings the database to the current schema and creates what a fresh install needs:
/// roles, the platform's default signature and template (id 1), the admin, the demo customer and the starter packages.
/// Runs before any other hosted service, so jobs and pages never see an old schema.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<PlatformOptions> platform,
    CreditLedger ledger,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SmsPortalDbContext>();

        if (database.Value.MigrateOnStart)
        {
            if (database.Value.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers go on while the single writer commits; it is a property of the file.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        await EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        await EnsurePlatformContentAsync(db, cancellationToken);
        await EnsureAdminAsync(services.GetRequiredService<UserManager<ApplicationUser>>(), cancellationToken);
        await EnsureDemoAccountAsync(db, services.GetRequiredService<AccountService>(), cancellationToken);
        await EnsureStarterPackagesAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private async Task EnsurePlatformContentAsync(SmsPortalDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var signatureText = platform.Value.DefaultSignature;
        if (!await db.Signatures.AnyAsync(s => s.AccountId == null && s.Text == signatureText, cancellationToken))
        {
            db.Signatures.Add(new Signature { Text = signatureText, State = ReviewState.Approved, CreatedAt = now, ReviewedAt = now });
        }

        if (!await db.MessageTemplates.AnyAsync(cancellationToken))
        {
            // The first template of a fresh database gets id 1: the vendor's default test template.
            db.MessageTemplates.Add(new MessageTemplate
            {
                Text = MessageTemplate.DefaultText,
                Kind = TemplateKind.VerificationCode,
                State = ReviewState.Approved,
                CreatedAt = now,
                ReviewedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureAdminAsync(UserManager<ApplicationUser> users, CancellationToken cancellationToken)
    {
        var options = bootstrap.Value;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (string.IsNullOrWhiteSpace(options.AdminEmail))
        {
            if (admins.Count == 0)
            {
                throw new ConfigurationException("Bootstrap:AdminEmail", "no admin exists yet; set Bootstrap:AdminEmail and Bootstrap:AdminPassword for the first start.");
            }

            return;
        }

        if (!MailAddress.TryCreate(options.AdminEmail, out _))
        {
            throw new ConfigurationException("Bootstrap:AdminEmail", $"'{options.AdminEmail}' is not an email address.");
        }

        var existing = await users.FindByEmailAsync(options.AdminEmail);
        if (existing is not null)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Admin))
            {
                throw new ConfigurationException("Bootstrap:AdminEmail", $"{options.AdminEmail} belongs to a person who is not an admin; choose another address.");
            }

            return;
        }

        if (string.IsNullOrEmpty(options.AdminPassword))
        {
            throw new ConfigurationException("Bootstrap:AdminPassword", "the admin does not exist yet and needs a first password.");
        }

        var admin = new ApplicationUser
        {
            UserName = options.AdminEmail,
            Email = options.AdminEmail,
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(admin, options.AdminPassword);
        if (!created.Succeeded)
        {
            throw new ConfigurationException("Bootstrap:AdminPassword", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        LogAdminCreated(logger, options.AdminEmail);
    }

    private async Task EnsureDemoAccountAsync(SmsPortalDbContext db, AccountService accounts, CancellationToken cancellationToken)
    {
        var options = bootstrap.Value;
        if (string.IsNullOrWhiteSpace(options.DemoApiId) && string.IsNullOrWhiteSpace(options.DemoApiKey))
        {
            return;
        }

        if (!ApiCredentials.IsValidApiId(options.DemoApiId))
        {
            throw new ConfigurationException("Bootstrap:DemoApiId", "needs 4 to 32 letters, digits, '-' or '_' (set it together with Bootstrap:DemoApiKey).");
        }

        if (!ApiCredentials.IsValidApiKey(options.DemoApiKey))
        {
            throw new ConfigurationException("Bootstrap:DemoApiKey", "needs 16 to 64 letters or digits (set it together with Bootstrap:DemoApiId).");
        }

        if (await db.Accounts.AnyAsync(a => a.ApiId == options.DemoApiId, cancellationToken))
        {
            return;
        }

        var account = await accounts.DraftAsync(db, new NewAccount(options.DemoAccountName, AccountKind.Customer, null, options.DemoApiId, options.DemoApiKey), cancellationToken);
        account.IsVerified = true;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await accounts.AddAsync(db, account, trialCredits: 0, cancellationToken);
        await ledger.AppendAsync(db, [new LedgerLine(account.Id, LedgerEntryKind.Adjustment, options.DemoCredits, Note: KeyedText.Of("Ledger.DemoCredits"))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogDemoCreated(logger, options.DemoApiId!);
    }

    private async Task EnsureStarterPackagesAsync(SmsPortalDbContext db, CancellationToken cancellationToken)
    {
        // Only a database that has never had a package: one an admin withdrew or edited stays as the admin left it.
        if (!bootstrap.Value.StarterPackages || await db.Packages.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (name, sms, price, days) in StarterPackageSet.Packages)
        {
            db.Packages.Add(new Package { Name = name, Sms = sms, Price = price, ValidityDays = days, CreatedAt = now });
            db.BillingAuditEntries.Add(Audit.Entry(clock, StarterPackageSet.Actor, BillingAction.PackageCreated, null, name,
                KeyedText.Of("Audit.PackageCreated", ("name", name), ("sms", sms), ("price", Audit.Money(price)), ("days", days), ("sale", true)), null));
        }

        await db.SaveChangesAsync(cancellationToken);
        LogStarterPackages(logger, StarterPackageSet.Packages.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Put {Count} starter packages on sale (Bootstrap:StarterPackages)")]
    private static partial void LogStarterPackages(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the admin {Email} from Bootstrap settings")]
    private static partial void LogAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo account with API ID {ApiId} from Bootstrap settings")]
    private static partial void LogDemoCreated(ILogger logger, string apiId);
}
