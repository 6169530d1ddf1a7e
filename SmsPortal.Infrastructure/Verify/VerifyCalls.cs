using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Voice;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>
/// Calls that speak a code: asked for (<c>channel=call</c>, due at once) or a service's fallback (due N seconds after
/// the SMS, and placed only if that SMS has not been delivered by then). Each due call is claimed by clearing its due
/// time with a conditional UPDATE, so one node places it, at most once; the code is derived when the call is made and
/// never stored.
/// </summary>
public sealed partial class VerifyCalls(
    IDbContextFactory<SmsPortalDbContext> contexts,
    VoiceChannels voice,
    VerifyKeys keys,
    VerifyCallCharges charges,
    TimeProvider clock,
    ILogger<VerifyCalls> logger)
{
    private const int Batch = 20;

    /// <summary>Places the calls due now; returns how many were claimed (placed or found no longer needed).</summary>
    public async Task<int> PlaceDueAsync(CancellationToken cancellationToken)
    {
        if (!voice.Any)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Verifications.AsNoTracking()
            .Where(v => v.CallDueAt != null && v.CallDueAt <= now)
            .OrderBy(v => v.CallDueAt)
            .Take(Batch)
            .Join(db.VerifyServices, v => v.ServiceId, s => s.Id, (v, s) => new { Verification = v, s.CodeLength, s.Alphabet })
            .ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            var verification = item.Verification;
            var claimed = await db.Verifications.Where(v => v.Id == verification.Id && v.CallDueAt == verification.CallDueAt)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.CallDueAt, (DateTimeOffset?)null), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            // Not needed any more (the code was used, cancelled or expired, or the SMS it backs up was delivered): what was
            // reserved for it comes back.
            if (verification.StatusAt(now) != VerificationStatus.Pending || (verification.CallIsFallback && await DeliveredAsync(db, verification, cancellationToken)))
            {
                await charges.SettleAsync(db, verification.AccountId, verification.Id, verification.Sid, placed: false, cancellationToken);
                continue;
            }

            // A fallback is charged when it is claimed; a call asked for was reserved at its start (this finds it held).
            if (!await charges.ReserveAsync(db, verification.AccountId, verification.Id, verification.Sid, cancellationToken))
            {
                await RecordAsync(db, verification.Id, now, $"not called: {(int)ResultCode.InsufficientCredits} {ResultMessages.Submit(ResultCode.InsufficientCredits, null)}", cancellationToken);
                continue;
            }

            var (codeKey, _) = await keys.GetAsync(cancellationToken);
            var code = VerificationCodes.Derive(codeKey, verification.CodeSeed, item.CodeLength, item.Alphabet);
            var number = MobileNumber.Parse(verification.Mobile).Value!;
            var answer = new ChannelAnswer(ChannelOutcome.Rejected, null, "no voice channel calls this number");
            var through = "-";

            // Every channel routed to the number, in route order, until one takes the call.
            foreach (var channel in voice.For(verification.AccountId, number))
            {
                through = channel.Name;
                try
                {
                    answer = await channel.CallAsync(new VoiceCall(verification.Sid, number.E164, code, verification.Locale), cancellationToken);
                }
                catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    answer = new ChannelAnswer(ChannelOutcome.TryLater, null, exception.Message);
                }

                LogCalled(logger, verification.Sid, channel.Name, answer.Outcome);
                if (answer.Outcome is ChannelOutcome.Accepted or ChannelOutcome.Unknown)
                {
                    break;
                }
            }

            // Unknown: the request left and its answer was lost, so the call may have been made; it is kept, as an SMS is.
            var placed = answer.Outcome is ChannelOutcome.Accepted or ChannelOutcome.Unknown;
            await RecordAsync(db, verification.Id, now, $"{through} {answer.Outcome}: {answer.Raw}", cancellationToken);
            await charges.SettleAsync(db, verification.AccountId, verification.Id, verification.Sid, placed, cancellationToken);
        }

        return due.Count;
    }

    private static Task RecordAsync(SmsPortalDbContext db, long verificationId, DateTimeOffset now, string answer, CancellationToken cancellationToken)
    {
        var raw = answer.Length > Verification.CallAnswerMaxLength ? answer[..Verification.CallAnswerMaxLength] : answer;
        return db.Verifications.Where(v => v.Id == verificationId)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.CalledAt, now).SetProperty(v => v.CallAnswer, raw), cancellationToken);
    }

    /// <summary>Whether the SMS that carried the code last has been delivered (its receipt came back DELIVRD).</summary>
    private static async Task<bool> DeliveredAsync(SmsPortalDbContext db, Verification verification, CancellationToken cancellationToken) =>
        verification.LastMessageId is { } id && await db.Messages.AnyAsync(m => m.Id == id && m.Status == MessageStatus.Delivered, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification {Sid} called through {Channel}: {Outcome}")]
    private static partial void LogCalled(ILogger logger, string sid, string channel, ChannelOutcome outcome);
}
