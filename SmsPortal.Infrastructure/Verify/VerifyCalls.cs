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
    TimeProvider clock,
    ILogger<VerifyCalls> logger)
{
    private const int Batch = 20;

    /// <summary>Places the calls due now; returns how many were claimed (placed or found no longer needed).</summary>
    public async Task<int> PlaceDueAsync(CancellationToken cancellationToken)
    {
        if (voice.Current is not { } channel)
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
            if (claimed == 0 || verification.StatusAt(now) != VerificationStatus.Pending)
            {
                continue;
            }

            if (verification.CallIsFallback && await DeliveredAsync(db, verification, cancellationToken))
            {
                continue;
            }

            var (codeKey, _) = await keys.GetAsync(cancellationToken);
            var code = VerificationCodes.Derive(codeKey, verification.CodeSeed, item.CodeLength, item.Alphabet);
            var mobile = MobileNumber.Parse(verification.Mobile).Value!.E164;
            ChannelAnswer answer;
            try
            {
                answer = await channel.CallAsync(new VoiceCall(verification.Sid, mobile, code, verification.Locale), cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                answer = new ChannelAnswer(ChannelOutcome.TryLater, null, exception.Message);
            }

            LogCalled(logger, verification.Sid, channel.Name, answer.Outcome);
            var raw = answer.Raw.Length > Verification.CallAnswerMaxLength ? answer.Raw[..Verification.CallAnswerMaxLength] : answer.Raw;
            await db.Verifications.Where(v => v.Id == verification.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.CalledAt, now).SetProperty(v => v.CallAnswer, answer.Outcome + ": " + raw), cancellationToken);
        }

        return due.Count;
    }

    /// <summary>Whether the SMS that carried the code last has been delivered (its receipt came back DELIVRD).</summary>
    private static async Task<bool> DeliveredAsync(SmsPortalDbContext db, Verification verification, CancellationToken cancellationToken) =>
        verification.LastMessageId is { } id && await db.Messages.AnyAsync(m => m.Id == id && m.Status == MessageStatus.Delivered, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification {Sid} called through {Channel}: {Outcome}")]
    private static partial void LogCalled(ILogger logger, string sid, string channel, ChannelOutcome outcome);
}
