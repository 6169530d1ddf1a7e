using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Abuse;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Channels.Voice;
using SmsPortal.Infrastructure.Abuse;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>
/// Starts, checks and cancels verifications for every door (REST, the vendor-style form API, the Twilio-compatible
/// surface). Codes go out through the one <see cref="SubmissionService"/>, so they are charged, limited and recorded
/// like any SMS. Each rule that two requests could race on is one conditional UPDATE or a unique index, so it holds
/// across requests and nodes: one pending code per number and service, one send per gap, at most N checks, one approval.
/// </summary>
public sealed class Verifications(
    IDbContextFactory<SmsPortalDbContext> contexts,
    VerifyServiceCatalog services,
    SubmissionService submissions,
    VerifyKeys keys,
    VoiceChannels voice,
    VerifyCallSignal calls,
    VerifyCallCharges callCharges,
    AbuseGuard abuse,
    PlatformCalendar calendar,
    TimeProvider clock)
{
    public Task<VerifyResult> StartAsync(SendingProfile profile, SubmissionDoor door, string? serviceSid, string? to, string? channel, string? locale, CancellationToken cancellationToken) =>
        StartAsync(profile, door, serviceSid, to, channel, locale, null, cancellationToken);

    /// <summary>
    /// Sends a code (or the pending one again). Before it goes: a new code counts toward SMS pumping in its range, and
    /// every send takes one from the service's daily cap; then the submission service's own defence and rules decide.
    /// Whatever refuses it, nothing is charged and nothing is left behind.
    /// </summary>
    public async Task<VerifyResult> StartAsync(SendingProfile profile, SubmissionDoor door, string? serviceSid, string? to, string? channel, string? locale, string? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var service = await services.FindAsync(profile.AccountId, serviceSid, cancellationToken);
        if (service is null)
        {
            return VerifyResult.Fail(VerifyFailure.ServiceNotFound, $"No Verify service {serviceSid} of this account.");
        }

        channel = string.IsNullOrWhiteSpace(channel) ? VerificationChannels.Sms : channel.Trim().ToLowerInvariant();
        if (channel is not (VerificationChannels.Sms or VerificationChannels.Call))
        {
            return VerifyResult.Fail(VerifyFailure.ChannelNotAvailable, $"channel {channel} is not available: codes go by sms or call.");
        }

        var byCall = channel == VerificationChannels.Call;
        if (byCall && !voice.Any)
        {
            return VerifyResult.Fail(VerifyFailure.ChannelNotAvailable, "channel call is not available: this platform has no voice channel.");
        }

        if (locale is { Length: > 16 })
        {
            return VerifyResult.Fail(VerifyFailure.InvalidParameter, "locale is longer than 16 characters.");
        }

        var mobile = MobileNumber.Parse(to);
        if (!mobile.IsAccepted)
        {
            return new VerifyResult(VerifyFailure.SendRefused, Detail: "to is not a mobile number.", Send: SubmitResult.From(mobile.Rejection!));
        }

        var number = mobile.Value!;
        if (service.AllowedCountryList is { Count: > 0 } allowed && !allowed.Contains(number.CountryCode))
        {
            return VerifyResult.Fail(VerifyFailure.CountryNotAllowed, $"Service {service.Sid} does not send to +{number.CountryCode}.");
        }

        if (byCall && voice.For(profile.AccountId, number).Count == 0)
        {
            return VerifyResult.Fail(VerifyFailure.ChannelNotAvailable, $"channel call is not available: no voice channel calls +{number.CountryCode} {number.NationalNumber}.");
        }

        // The account's allow-list holds for calls as for SMS (the submission service checks SMS again), and is asked
        // before a new code counts toward pumping.
        if (await abuse.CheckCountryAsync(profile.AccountId, profile.AllowedCountries, number, service.Id, cancellationToken) is { } foreign)
        {
            return new VerifyResult(VerifyFailure.SendRefused, Detail: foreign.Detail, Send: SubmitResult.From(foreign));
        }

        var (codeKey, checkKey) = await keys.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var gap = TimeSpan.FromSeconds(service.MinGapSeconds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await PendingAsync(db, service, number.Value, now, cancellationToken);

        // Durable before visible: the call (asked for, or the fallback for an SMS that may not arrive) is due in the same
        // write that records the send; VerifyCallPump places it.
        DateTimeOffset? callDue = byCall ? now : service.VoiceFallbackSeconds is { } fallback && voice.Any ? now.AddSeconds(fallback) : null;
        Verification verification;
        DateTimeOffset? previousSend = null;
        DateTimeOffset? previousCallDue = null;
        if (pending is not null)
        {
            if (now < pending.LastSentAt + gap)
            {
                return TooSoon(pending, gap, now);
            }

            // The gap's one re-send, claimed by whoever moves LastSentAt first.
            var claimed = await db.Verifications
                .Where(v => v.Id == pending.Id && v.Status == VerificationStatus.Pending && v.LastSentAt == pending.LastSentAt)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.LastSentAt, now).SetProperty(v => v.Sends, v => v.Sends + 1).SetProperty(v => v.UpdatedAt, now)
                    .SetProperty(v => v.CallDueAt, callDue).SetProperty(v => v.CallIsFallback, !byCall), cancellationToken);
            if (claimed == 0)
            {
                return TooSoon(pending, gap, now);
            }

            previousSend = pending.LastSentAt;
            previousCallDue = pending.CallDueAt;
            verification = pending;
            verification.LastSentAt = now;
            verification.Sends++;
        }
        else
        {
            if (await abuse.CheckNewCodeAsync(profile.AccountId, service.Id, number, cancellationToken) is { } pumping)
            {
                return new VerifyResult(VerifyFailure.SendRefused, Detail: pumping.Detail, Send: SubmitResult.From(pumping));
            }

            var sid = VerificationCodes.NewSid("VE");
            var seed = VerificationCodes.NewSeed();
            var code = VerificationCodes.Derive(codeKey, seed, service.CodeLength, service.Alphabet);
            verification = new Verification
            {
                Sid = sid,
                ServiceId = service.Id,
                AccountId = profile.AccountId,
                Mobile = number.Value,
                Channel = channel,
                Locale = string.IsNullOrWhiteSpace(locale) ? null : locale.Trim(),
                CodeSeed = seed,
                CodeHash = VerificationCodes.Hash(checkKey, sid, code, service.Alphabet),
                MaxChecks = service.MaxAttempts,
                Sends = 1,
                CreatedAt = now,
                LastSentAt = now,
                UpdatedAt = now,
                ExpiresAt = now.AddMinutes(service.LifetimeMinutes),
                CallDueAt = callDue,
                CallIsFallback = !byCall,
            };
            db.Verifications.Add(verification);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another start for this number won the one pending slot a moment ago and sent its code.
                db.ChangeTracker.Clear();
                var winner = await PendingAsync(db, service, number.Value, now, cancellationToken);
                return winner is null ? throw new InvalidOperationException("The pending verification that refused this one is gone.") : TooSoon(winner, gap, now);
            }
        }

        if (byCall)
        {
            // Charged like an SMS: reserved now, settled when the call is placed, refunded when it fails (VerifyCalls).
            if (!await callCharges.ReserveAsync(db, profile.AccountId, verification.Id, verification.Sid, cancellationToken))
            {
                await UndoSendAsync(db, verification, previousSend, previousCallDue, now, cancellationToken);
                var shortOf = new SubmitResult(ResultCode.InsufficientCredits);
                return new VerifyResult(VerifyFailure.SendRefused, Detail: shortOf.Message, Send: shortOf);
            }

            calls.Wake();
            return new VerifyResult(VerifyFailure.None, VerificationView.Of(verification, service.Sid, now));
        }

        var day = PlatformDay(now);
        if (!await TakeFromCapAsync(db, service, day, cancellationToken))
        {
            await UndoSendAsync(db, verification, previousSend, previousCallDue, now, cancellationToken);
            await abuse.RecordAsync(profile.AccountId, service.Id, AbuseRule.SpendCap, "", cancellationToken);
            return new VerifyResult(VerifyFailure.SpendCapReached, Detail: $"Service {service.Sid} has sent its {service.DailyCap} codes for today.", RetryAfterSeconds: SecondsToNextDay(now));
        }

        SubmitResult? sent = null;
        try
        {
            sent = await submissions.SubmitAsAsync(
                profile,
                door,
                number.Value,
                VerificationCodes.Derive(codeKey, verification.CodeSeed, service.CodeLength, service.Alphabet),
                (service.TemplateId ?? MessageTemplate.DefaultId).ToString(CultureInfo.InvariantCulture),
                null,
                false,
                new SubmissionOrigin(clientAddress, service.Id),
                cancellationToken);
        }
        finally
        {
            if (sent is not { IsAccepted: true })
            {
                await GiveBackToCapAsync(db, service, day, CancellationToken.None);
                if (sent is null)
                {
                    await UndoSendAsync(db, verification, previousSend, previousCallDue, now, CancellationToken.None);
                }
            }
        }

        if (!sent.IsAccepted)
        {
            await UndoSendAsync(db, verification, previousSend, previousCallDue, now, cancellationToken);
            return new VerifyResult(VerifyFailure.SendRefused, Detail: sent.Message, Send: sent);
        }

        await db.Verifications.Where(v => v.Id == verification.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.LastMessageId, sent.MessageId), cancellationToken);
        return new VerifyResult(VerifyFailure.None, VerificationView.Of(verification, service.Sid, now), Send: sent);
    }

    /// <summary>
    /// Checks a code against the verification with <paramref name="verificationSid"/>, or the pending one of
    /// <paramref name="to"/>. Each check counts, right or wrong, up to the verification's limit; a right code approves it
    /// once, and after that it is no longer found, as Twilio does.
    /// </summary>
    public async Task<VerifyResult> CheckAsync(SendingProfile profile, string? serviceSid, string? to, string? verificationSid, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var service = await services.FindAsync(profile.AccountId, serviceSid, cancellationToken);
        if (service is null)
        {
            return VerifyResult.Fail(VerifyFailure.ServiceNotFound, $"No Verify service {serviceSid} of this account.");
        }

        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            return VerifyResult.Fail(VerifyFailure.InvalidParameter, "code is missing.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (verification, refused) = await LocateAsync(db, service, to, verificationSid, now, cancellationToken);
        if (verification is null)
        {
            return refused!;
        }

        if (verification.StatusAt(now) is var status && status != VerificationStatus.Pending)
        {
            if (verification.Status == VerificationStatus.Pending)
            {
                await ExpireAsync(db, verification, service, now, cancellationToken);
            }

            return Finished(verification, service, status, now);
        }

        var counted = await db.Verifications
            .Where(v => v.Id == verification.Id && v.Status == VerificationStatus.Pending && v.Checks < v.MaxChecks && v.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Checks, v => v.Checks + 1).SetProperty(v => v.UpdatedAt, now), cancellationToken);
        if (counted == 0)
        {
            var again = await db.Verifications.AsNoTracking().SingleAsync(v => v.Id == verification.Id, cancellationToken);
            return Finished(again, service, again.Checks >= again.MaxChecks && again.Status == VerificationStatus.Pending ? VerificationStatus.MaxAttemptsReached : again.StatusAt(now), now);
        }

        verification.Checks++;
        verification.UpdatedAt = now;
        var (_, checkKey) = await keys.GetAsync(cancellationToken);
        if (VerificationCodes.Matches(checkKey, verification.Sid, code, service.Alphabet, verification.CodeHash))
        {
            var approved = await db.Verifications
                .Where(v => v.Id == verification.Id && v.Status == VerificationStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Status, VerificationStatus.Approved).SetProperty(v => v.ApprovedAt, now), cancellationToken);
            if (approved == 0)
            {
                // Approved (or cancelled) by a check that ran alongside: one approval only.
                return VerifyResult.Fail(VerifyFailure.NotFound, $"Verification {verification.Sid} is no longer pending.");
            }

            verification.Status = VerificationStatus.Approved;
            await ForgetCodeAsync(db, verification, service, cancellationToken);
            return new VerifyResult(VerifyFailure.None, VerificationView.Of(verification, service.Sid, now), Valid: true);
        }

        if (verification.Checks >= verification.MaxChecks)
        {
            await db.Verifications
                .Where(v => v.Id == verification.Id && v.Status == VerificationStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Status, VerificationStatus.MaxAttemptsReached), cancellationToken);
            verification.Status = VerificationStatus.MaxAttemptsReached;
            await ForgetCodeAsync(db, verification, service, cancellationToken);
        }

        return new VerifyResult(VerifyFailure.None, VerificationView.Of(verification, service.Sid, now), Valid: false);
    }

    /// <summary>Cancels the pending verification with this sid or for this number; a finished one is left as it is.</summary>
    public async Task<VerifyResult> CancelAsync(SendingProfile profile, string? serviceSid, string? to, string? verificationSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var service = await services.FindAsync(profile.AccountId, serviceSid, cancellationToken);
        if (service is null)
        {
            return VerifyResult.Fail(VerifyFailure.ServiceNotFound, $"No Verify service {serviceSid} of this account.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (verification, refused) = await LocateAsync(db, service, to, verificationSid, now, cancellationToken);
        if (verification is null)
        {
            return refused!;
        }

        var canceled = await db.Verifications
            .Where(v => v.Id == verification.Id && v.Status == VerificationStatus.Pending && v.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Status, VerificationStatus.Canceled).SetProperty(v => v.UpdatedAt, now), cancellationToken);
        if (canceled == 0)
        {
            var again = await db.Verifications.AsNoTracking().SingleAsync(v => v.Id == verification.Id, cancellationToken);
            return Finished(again, service, again.StatusAt(now), now);
        }

        verification.Status = VerificationStatus.Canceled;
        verification.UpdatedAt = now;
        await ForgetCodeAsync(db, verification, service, cancellationToken);
        return new VerifyResult(VerifyFailure.None, VerificationView.Of(verification, service.Sid, now));
    }

    /// <summary>A verification of the account's service by its sid, in whatever state.</summary>
    public async Task<VerifyResult> FindAsync(SendingProfile profile, string? serviceSid, string? verificationSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var service = await services.FindAsync(profile.AccountId, serviceSid, cancellationToken);
        if (service is null)
        {
            return VerifyResult.Fail(VerifyFailure.ServiceNotFound, $"No Verify service {serviceSid} of this account.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var verification = await db.Verifications.AsNoTracking().SingleOrDefaultAsync(v => v.Sid == verificationSid && v.ServiceId == service.Id, cancellationToken);
        return verification is null
            ? VerifyResult.Fail(VerifyFailure.NotFound, $"No verification {verificationSid} in service {service.Sid}.")
            : new VerifyResult(VerifyFailure.None, VerificationView.Of(verification, service.Sid, clock.GetUtcNow()));
    }

    /// <summary>The pending verification of a number; one found past its lifetime is written expired first, which frees the slot.</summary>
    private async Task<Verification?> PendingAsync(SmsPortalDbContext db, VerifyService service, string mobile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await db.Verifications.AsNoTracking().SingleOrDefaultAsync(v => v.ServiceId == service.Id && v.Mobile == mobile && v.Status == VerificationStatus.Pending, cancellationToken);
        if (pending is null || pending.ExpiresAt > now)
        {
            return pending;
        }

        await ExpireAsync(db, pending, service, now, cancellationToken);
        return null;
    }

    private async Task ExpireAsync(SmsPortalDbContext db, Verification verification, VerifyService service, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.Verifications.Where(v => v.Id == verification.Id && v.Status == VerificationStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Status, VerificationStatus.Expired).SetProperty(v => v.UpdatedAt, now), cancellationToken);
        if (expired > 0)
        {
            await ForgetCodeAsync(db, verification, service, cancellationToken);
        }
    }

    /// <summary>
    /// Once a code can no longer be used, the SMS that carried it keep it hidden (****) in their records: the messages to
    /// this number from this account since the verification began that left the outbox and hold the code. One still in
    /// the outbox keeps its text, since it has yet to be sent.
    /// </summary>
    private async Task ForgetCodeAsync(SmsPortalDbContext db, Verification verification, VerifyService service, CancellationToken cancellationToken)
    {
        var (codeKey, _) = await keys.GetAsync(cancellationToken);
        var code = VerificationCodes.Derive(codeKey, verification.CodeSeed, service.CodeLength, service.Alphabet);
        await db.Messages
            .Where(m => m.Mobile == verification.Mobile && m.AccountId == verification.AccountId && m.AcceptedAt >= verification.CreatedAt
                && m.Status != MessageStatus.Accepted && m.Status != MessageStatus.Dispatching && m.Text.Contains(code))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Text, m => m.Text.Replace(code, RecordMask.Hidden)), cancellationToken);
    }

    /// <summary>By sid, or else the number's pending verification (its latest one when none is pending, to say why).</summary>
    private static async Task<(Verification? Verification, VerifyResult? Refused)> LocateAsync(
        SmsPortalDbContext db, VerifyService service, string? to, string? verificationSid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(verificationSid))
        {
            var bySid = await db.Verifications.AsNoTracking().SingleOrDefaultAsync(v => v.Sid == verificationSid && v.ServiceId == service.Id, cancellationToken);
            return bySid is null ? (null, VerifyResult.Fail(VerifyFailure.NotFound, $"No verification {verificationSid} in service {service.Sid}.")) : (bySid, null);
        }

        var mobile = MobileNumber.Parse(to);
        if (!mobile.IsAccepted)
        {
            return (null, VerifyResult.Fail(VerifyFailure.InvalidParameter, "Give to (a mobile number) or the verification's sid."));
        }

        var latest = await db.Verifications.AsNoTracking()
            .Where(v => v.ServiceId == service.Id && v.Mobile == mobile.Value!.Value)
            .OrderByDescending(v => v.Status == VerificationStatus.Pending).ThenByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? (null, VerifyResult.Fail(VerifyFailure.NotFound, $"No verification for {mobile.Value!.Value} in service {service.Sid}.")) : (latest, null);
    }

    /// <summary>The answer for a verification that can no longer be checked: expired and spent codes say so, approved and cancelled ones are not found.</summary>
    private static VerifyResult Finished(Verification verification, VerifyService service, VerificationStatus status, DateTimeOffset now) => status switch
    {
        VerificationStatus.Expired => new VerifyResult(VerifyFailure.Expired, VerificationView.Of(verification, service.Sid, now) with { Status = status }, Detail: $"Verification {verification.Sid} has expired."),
        VerificationStatus.MaxAttemptsReached => new VerifyResult(VerifyFailure.MaxAttemptsReached, VerificationView.Of(verification, service.Sid, now) with { Status = status }, Detail: "Max check attempts reached."),
        _ => new VerifyResult(VerifyFailure.NotFound, VerificationView.Of(verification, service.Sid, now) with { Status = status }, Detail: $"Verification {verification.Sid} is {status.ToString().ToLowerInvariant()}, not pending."),
    };

    private static VerifyResult TooSoon(Verification pending, TimeSpan gap, DateTimeOffset now)
    {
        var wait = (int)Math.Ceiling((pending.LastSentAt + gap - now).TotalSeconds);
        return new VerifyResult(VerifyFailure.TooSoon, Detail: $"A code went to this number less than {(int)gap.TotalSeconds} s ago: try again in {Math.Max(wait, 1)} s.", RetryAfterSeconds: Math.Max(wait, 1));
    }

    /// <summary>One code from the service's daily cap, in one conditional UPDATE (a new day starts the count again).</summary>
    private static async Task<bool> TakeFromCapAsync(SmsPortalDbContext db, VerifyService service, int day, CancellationToken cancellationToken) =>
        await db.VerifyServices
            .Where(s => s.Id == service.Id && (s.SpendDay != day || s.SentToday < s.DailyCap))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SentToday, s => s.SpendDay == day ? s.SentToday + 1 : 1).SetProperty(s => s.SpendDay, day), cancellationToken) > 0;

    private static Task GiveBackToCapAsync(SmsPortalDbContext db, VerifyService service, int day, CancellationToken cancellationToken) =>
        db.VerifyServices.Where(s => s.Id == service.Id && s.SpendDay == day && s.SentToday > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SentToday, s => s.SentToday - 1), cancellationToken);

    /// <summary>The platform's day, as the per-number daily limits count it.</summary>
    private int PlatformDay(DateTimeOffset now) => (int)calendar.DayNumber(now);

    private int SecondsToNextDay(DateTimeOffset now) => calendar.SecondsToNextDay(now);

    /// <summary>A refused send leaves nothing behind: a new verification is removed, a re-send gives its gap and the call that was due back.</summary>
    private static async Task UndoSendAsync(SmsPortalDbContext db, Verification verification, DateTimeOffset? previousSend, DateTimeOffset? previousCallDue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (previousSend is null)
        {
            await db.Verifications.Where(v => v.Id == verification.Id).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        await db.Verifications.Where(v => v.Id == verification.Id && v.LastSentAt == now)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.LastSentAt, previousSend.Value).SetProperty(v => v.Sends, v => v.Sends - 1).SetProperty(v => v.CallDueAt, previousCallDue), cancellationToken);
    }
}
