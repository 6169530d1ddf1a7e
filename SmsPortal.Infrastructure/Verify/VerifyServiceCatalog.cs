using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>An account's Verify services: made, changed and read only by their own account.</summary>
public sealed class VerifyServiceCatalog(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>Makes a service; null and the broken rule when the settings break one (nothing is stored then).</summary>
    public async Task<(VerifyService? Service, string? Error)> CreateAsync(SendingProfile profile, VerifySettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (Check(profile, settings) is { } error)
        {
            return (null, error);
        }

        var now = clock.GetUtcNow();
        var service = new VerifyService { Sid = VerificationCodes.NewSid("VA"), AccountId = profile.AccountId, Name = settings.Name.Trim(), CreatedAt = now };
        Apply(service, settings, now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.VerifyServices.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        return (service, null);
    }

    /// <summary>Changes a service's settings; codes already sent keep the lifetime and attempts they were made with.</summary>
    public async Task<(VerifyService? Service, string? Error)> UpdateAsync(SendingProfile profile, string sid, Func<VerifySettings, VerifySettings> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var service = await db.VerifyServices.SingleOrDefaultAsync(s => s.Sid == sid && s.AccountId == profile.AccountId, cancellationToken);
        if (service is null)
        {
            return (null, null);
        }

        var settings = change(service.Settings);
        if (Check(profile, settings) is { } error)
        {
            return (service, error);
        }

        Apply(service, settings, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return (service, null);
    }

    public async Task<VerifyService?> FindAsync(int accountId, string? sid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sid))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.VerifyServices.AsNoTracking().SingleOrDefaultAsync(s => s.Sid == sid && s.AccountId == accountId, cancellationToken);
    }

    public async Task<IReadOnlyList<VerifyService>> ListAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.VerifyServices.AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The settings' own rules, then the template's: approved for this account (or the platform's), exactly one
    /// variable, and room in that variable for the code (the submission service refuses a longer value with 40722).
    /// </summary>
    private static string? Check(SendingProfile profile, VerifySettings settings)
    {
        if (settings.Check() is { } error)
        {
            return error;
        }

        var templateId = settings.TemplateId ?? MessageTemplate.DefaultId;
        if (!profile.TemplatesById.TryGetValue(templateId, out var template))
        {
            return $"templateId: template {templateId} is not approved for this account.";
        }

        if (template.Template.VariableNames.Count != 1)
        {
            return $"templateId: template {templateId} must have exactly one variable, for the code.";
        }

        return settings.CodeLength > template.MaxVariableLength
            ? $"codeLength: template {templateId} takes at most {template.MaxVariableLength} characters in its variable."
            : null;
    }

    private static void Apply(VerifyService service, VerifySettings settings, DateTimeOffset now)
    {
        service.Name = settings.Name.Trim();
        service.CodeLength = settings.CodeLength;
        service.Alphabet = settings.Alphabet;
        service.LifetimeMinutes = settings.LifetimeMinutes;
        service.TemplateId = settings.TemplateId;
        service.MaxAttempts = settings.MaxAttempts;
        service.MinGapSeconds = settings.MinGapSeconds;
        service.DailyCap = settings.DailyCap;
        service.AllowedCountries = VerifySettings.JoinCountries(settings.AllowedCountries);
        service.VoiceFallbackSeconds = settings.VoiceFallbackSeconds;
        service.UpdatedAt = now;
    }
}
