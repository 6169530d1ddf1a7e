using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Captcha;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Infrastructure.Verify;

namespace SmsPortal.Web.Features.Identity;

/// <summary>
/// The codes of the portal's own public pages (sign-up and sign-in by phone), sent and checked through the platform's own
/// account and its Verify service like any customer's. Before an SMS leaves: the captcha (checked once), the service's
/// gap per number, and a count per client address and hour, kept in the database so that every node sees it.
/// </summary>
internal sealed partial class PhoneCodes(
    Captchas captchas,
    SendingProfiles profiles,
    VerifyServiceCatalog catalog,
    Verifications verifications,
    IDbContextFactory<SmsPortalDbContext> contexts,
    IOptions<PhoneSignInOptions> options,
    TimeProvider clock,
    ILogger<PhoneCodes> logger)
{
    /// <summary>The name of the platform account's Verify service these pages use (made on first use).</summary>
    public const string ServiceName = "SmsPortal sign-in";

    public bool IsOffered => !string.IsNullOrEmpty(options.Value.AccountApiId);

    /// <summary>A number as the pages keep it (+countrynationalnumber), or null when it is not a mobile.</summary>
    public static string? Normalise(string? mobile) => MobileNumber.Parse(mobile) is { IsAccepted: true } parsed ? parsed.Value!.E164 : null;

    /// <summary>
    /// Checks the captcha, then sends a code to <paramref name="mobile"/> unless <paramref name="instead"/> answers for it
    /// (sign-up refuses a number that has an account; sign-in sends only to numbers that have one, but answers the same).
    /// </summary>
    public async Task<(PhoneCodeOutcome Outcome, int? RetryAfterSeconds)> SendAsync(
        string? mobile, string? captchaToken, string? captchaAnswer, IPAddress? address, Func<string, Task<PhoneCodeOutcome?>> instead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instead);
        if (!await captchas.CheckAsync(captchaToken, captchaAnswer, cancellationToken))
        {
            return (PhoneCodeOutcome.WrongCaptcha, null);
        }

        if (Normalise(mobile) is not { } number)
        {
            return (PhoneCodeOutcome.NotAMobile, null);
        }

        if (await ServiceAsync(cancellationToken) is not { } found)
        {
            return (PhoneCodeOutcome.Off, null);
        }

        var (profile, serviceSid) = found;

        if (!await TakeAddressTurnAsync(profile.AccountId, address, cancellationToken))
        {
            return (PhoneCodeOutcome.AddressLimit, null);
        }

        if (await instead(number) is { } answer)
        {
            return (answer, null);
        }

        var started = await verifications.StartAsync(profile, SubmissionDoor.PlatformNotice, serviceSid, number, VerificationChannels.Sms, CultureInfo.CurrentUICulture.Name, cancellationToken);
        return started.Failure switch
        {
            VerifyFailure.None => (PhoneCodeOutcome.Sent, null),
            VerifyFailure.TooSoon => (PhoneCodeOutcome.TooSoon, started.RetryAfterSeconds),
            VerifyFailure.CountryNotAllowed or VerifyFailure.InvalidParameter => (PhoneCodeOutcome.NotAMobile, null),
            _ => Refused(started),
        };
    }

    /// <summary>Checks a code sent to <paramref name="mobile"/>; Approved once per code.</summary>
    public async Task<PhoneCodeOutcome> CheckAsync(string? mobile, string? code, CancellationToken cancellationToken)
    {
        if (Normalise(mobile) is not { } number)
        {
            return PhoneCodeOutcome.NotAMobile;
        }

        if (await ServiceAsync(cancellationToken) is not { } found)
        {
            return PhoneCodeOutcome.Off;
        }

        var (profile, serviceSid) = found;

        var checkedCode = await verifications.CheckAsync(profile, serviceSid, number, null, code, cancellationToken);
        return checkedCode switch
        {
            { Failure: VerifyFailure.None, Valid: true } => PhoneCodeOutcome.Approved,
            { Failure: VerifyFailure.Expired } => PhoneCodeOutcome.Expired,
            { Failure: VerifyFailure.MaxAttemptsReached } => PhoneCodeOutcome.TooManyChecks,
            { Failure: VerifyFailure.None, Verification.Status: VerificationStatus.MaxAttemptsReached } => PhoneCodeOutcome.TooManyChecks,
            _ => PhoneCodeOutcome.WrongCode,
        };
    }

    private (PhoneCodeOutcome, int?) Refused(VerifyResult started)
    {
        LogRefused(logger, started.Failure, started.Detail);
        return (PhoneCodeOutcome.Refused, null);
    }

    /// <summary>The platform account's sending profile and its sign-in service (made with the default rules the first time).</summary>
    private async Task<(SendingProfile Profile, string ServiceSid)?> ServiceAsync(CancellationToken cancellationToken)
    {
        if (!IsOffered || await profiles.FindAsync(options.Value.AccountApiId!, cancellationToken) is not { } profile)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sid = await db.VerifyServices.Where(s => s.AccountId == profile.AccountId && s.Name == ServiceName).OrderBy(s => s.Id).Select(s => s.Sid).FirstOrDefaultAsync(cancellationToken);
        if (sid is null)
        {
            var (made, error) = await catalog.CreateAsync(profile, VerifySettings.Defaults(ServiceName), cancellationToken);
            sid = made?.Sid ?? throw new InvalidOperationException("The sign-in Verify service cannot be made: " + error);
        }

        return (profile, sid);
    }

    /// <summary>One more code for this address this hour, unless it had its share: a counter row per address and hour.</summary>
    private async Task<bool> TakeAddressTurnAsync(int accountId, IPAddress? address, CancellationToken cancellationToken)
    {
        var key = "phone-page:" + (address?.ToString() ?? "unknown");
        var bucket = clock.GetUtcNow().ToUnixTimeSeconds() / 3600;
        var limit = options.Value.PerAddressPerHour;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var taken = await db.SendCounters.Where(c => c.AccountId == accountId && c.Key == key && c.Bucket == bucket && c.Count < limit)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 1), cancellationToken);
            if (taken == 1)
            {
                return true;
            }

            if (await db.SendCounters.AnyAsync(c => c.AccountId == accountId && c.Key == key && c.Bucket == bucket, cancellationToken))
            {
                return false;
            }

            db.SendCounters.Add(new SendCounter { AccountId = accountId, Key = key, Bucket = bucket, Count = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another request of this address made the row a moment ago: count on it.
                db.ChangeTracker.Clear();
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The portal's own sign-in code was not sent: {Failure} {Detail}")]
    private static partial void LogRefused(ILogger logger, VerifyFailure failure, string? detail);
}
