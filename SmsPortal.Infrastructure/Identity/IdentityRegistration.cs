using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Identity;

internal static class IdentityRegistration
{
    /// <summary>People, roles and their stores. The web layer adds sign-in, cookies and texts on top.</summary>
    public static IdentityBuilder AddSmsPortalIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var lockout = configuration.GetSection("Identity:Lockout");
        var maxFailed = lockout.GetValue("MaxFailedAccessAttempts", 5);
        var minutes = lockout.GetValue("Minutes", 15);
        if (maxFailed is < 1 or > 100)
        {
            throw new ConfigurationException("Identity:Lockout:MaxFailedAccessAttempts", $"{maxFailed} is not between 1 and 100.");
        }

        if (minutes is < 1 or > 10_000)
        {
            throw new ConfigurationException("Identity:Lockout:Minutes", $"{minutes} is not between 1 and 10000.");
        }

        return services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Confirmed means a confirmed e-mail or a confirmed mobile (ContactConfirmation); a person who signed up
                // by phone has no e-mail until they add one, so uniqueness of both is ContactValidator's.
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = maxFailed;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(minutes);
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SmsPortalDbContext>()
            .AddDefaultTokenProviders()
            .AddUserValidator<ContactValidator>()
            .AddUserConfirmation<ContactConfirmation>();
    }
}
