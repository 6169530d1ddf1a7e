using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Hands accepted messages to their channel, oldest first, many at a time. A message is claimed first
/// (Accepted → Dispatching, one conditional update), so two workers, or a run repeated after a crash,
/// send each message once.
/// </summary>
public sealed partial class Dispatcher(
    IDbContextFactory<SmsPortalDbContext> contexts,
    ChannelRouter router,
    CreditLedger ledger,
    TimeProvider clock,
    ILogger<Dispatcher> logger)
{
    public const int MaxAttempts = 5;

    /// <summary>How long a message waits when none of its channels is up (not counted as an attempt).</summary>
    public static readonly TimeSpan ChannelsDownWait = TimeSpan.FromSeconds(5);

    /// <summary>Claims and dispatches up to <paramref name="max"/> accepted messages; returns how many it claimed.</summary>
    public async Task<int> DispatchWaitingAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var waiting = db.Messages.Where(m => m.Status == MessageStatus.Accepted && (m.NextAttemptAt == null || m.NextAttemptAt <= now)).OrderBy(m => m.Id).Select(m => m.Id).Take(max);
        var claimed = await db.Messages
            .Where(m => waiting.Contains(m.Id) && m.Status == MessageStatus.Accepted)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Dispatching).SetProperty(m => m.SubmittedAt, now).SetProperty(m => m.DispatchAttempts, m => m.DispatchAttempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        // The claim's time marks this run's messages (another worker's claim carries its own).
        var messages = await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.SubmittedAt == now).ToListAsync(cancellationToken);

        // Handed over all at once: each channel keeps its own window and pace.
        var results = await Task.WhenAll(messages.Select(m => SendAsync(m, cancellationToken)));
        var refused = new List<Message>();
        foreach (var (message, result) in messages.Zip(results))
        {
            message.Channel = result.Channel ?? message.Channel;
            message.UpstreamStatus = Truncate(result.Raw, 500);
            switch (result.Outcome)
            {
                case ChannelOutcome.Accepted or ChannelOutcome.Unknown:
                    // Unknown: the upstream may have it, so it is never sent again; a receipt settles it, or the expiry sweep does.
                    message.Status = MessageStatus.Submitted;
                    message.UpstreamId = result.UpstreamId;
                    message.UpstreamCost = result.Cost;
                    message.SubmittedAt = clock.GetUtcNow();
                    break;
                case ChannelOutcome.TryLater when !result.Tried:
                    message.Status = MessageStatus.Accepted;
                    message.DispatchAttempts--;
                    message.NextAttemptAt = clock.GetUtcNow() + ChannelsDownWait;
                    break;
                case ChannelOutcome.TryLater when message.DispatchAttempts < MaxAttempts:
                    message.Status = MessageStatus.Accepted;
                    message.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(60, 1 << message.DispatchAttempts));
                    break;
                default:
                    message.Status = MessageStatus.Failed;
                    message.DoneAt = clock.GetUtcNow();
                    refused.Add(message);
                    break;
            }
        }

        // One write for the whole batch: the statuses, and the refunds of what the upstreams refused for good.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (refused.Count > 0)
        {
            var balances = await ledger.LockBalancesAsync(db, refused.Select(m => m.AccountId).ToArray(), cancellationToken);
            ledger.Append(db, balances, refused.Select(m => new LedgerLine(m.AccountId, LedgerEntryKind.Refund, m.Parts, m.SmsId, "Refused upstream")));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>What became of one message: the channel that took (or last refused) it, and the route's cost.</summary>
    private sealed record SendResult(ChannelOutcome Outcome, string? Channel, string? UpstreamId, string Raw, decimal? Cost, bool Tried);

    /// <summary>
    /// Tries the message's routes in order: a channel that is down is skipped, one that refuses or is busy hands
    /// the message to the next (failover). Refused by all → failed; busy or down somewhere → tried again later.
    /// </summary>
    private async Task<SendResult> SendAsync(Message message, CancellationToken cancellationToken)
    {
        var outbound = new OutboundMessage(message.Id, message.SmsId, message.Mobile, message.Text, message.Parts);
        var problems = new List<string>();
        string? last = null;
        var later = false;
        var tried = false;
        foreach (var (channel, route) in router.Candidates(message))
        {
            var status = channel.Status;
            if (!status.Up)
            {
                problems.Add($"{channel.Name}: {status.State}");
                later = true;
                continue;
            }

            tried = true;
            last = channel.Name;
            ChannelAnswer answer;
            try
            {
                answer = await channel.SubmitAsync(outbound, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogChannelFailed(logger, channel.Name, message.Id, exception);
                answer = new ChannelAnswer(ChannelOutcome.TryLater, null, exception.GetType().Name + ": " + exception.Message);
            }

            if (answer.Outcome is ChannelOutcome.Accepted or ChannelOutcome.Unknown)
            {
                return new SendResult(answer.Outcome, channel.Name, answer.UpstreamId, problems.Count == 0 ? answer.Raw : $"{answer.Raw} (after {string.Join("; ", problems)})", route?.CostPerPart * message.Parts, true);
            }

            later |= answer.Outcome == ChannelOutcome.TryLater;
            problems.Add($"{channel.Name}: {answer.Raw}");
        }

        var raw = problems.Count == 0 ? "no channel for this message" : string.Join("; ", problems);
        return new SendResult(later || problems.Count == 0 ? ChannelOutcome.TryLater : ChannelOutcome.Rejected, last, null, raw, null, tried);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} failed on message {MessageId}; it will be tried again")]
    private static partial void LogChannelFailed(ILogger logger, string channel, long messageId, Exception exception);
}
