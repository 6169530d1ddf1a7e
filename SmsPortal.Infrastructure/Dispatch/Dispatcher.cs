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

    /// <summary>Claims and dispatches up to <paramref name="max"/> accepted messages; returns how many it claimed.</summary>
    public async Task<int> DispatchWaitingAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var waiting = db.Messages.Where(m => m.Status == MessageStatus.Accepted).OrderBy(m => m.Id).Select(m => m.Id).Take(max);
        var claimed = await db.Messages
            .Where(m => waiting.Contains(m.Id) && m.Status == MessageStatus.Accepted)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Dispatching).SetProperty(m => m.SubmittedAt, now).SetProperty(m => m.DispatchAttempts, m => m.DispatchAttempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        // The claim's time marks this run's messages (another worker's claim carries its own).
        var messages = await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.SubmittedAt == now).ToListAsync(cancellationToken);
        var refused = new List<Message>();
        foreach (var message in messages)
        {
            var channel = router.ChannelFor(message);
            ChannelAnswer answer;
            try
            {
                answer = await channel.SubmitAsync(new OutboundMessage(message.Id, message.SmsId, message.Mobile, message.Text, message.Parts), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogChannelFailed(logger, channel.Name, message.Id, exception);
                answer = new ChannelAnswer(ChannelOutcome.TryLater, null, exception.GetType().Name + ": " + exception.Message);
            }

            message.Channel = channel.Name;
            message.UpstreamStatus = Truncate(answer.Raw, 500);
            switch (answer.Outcome)
            {
                case ChannelOutcome.Accepted:
                    message.Status = MessageStatus.Submitted;
                    message.UpstreamId = answer.UpstreamId;
                    break;
                case ChannelOutcome.Unknown:
                    // The upstream may have it: never sent again; a receipt settles it, or the expiry sweep does.
                    message.Status = MessageStatus.Submitted;
                    message.UpstreamId = answer.UpstreamId;
                    break;
                case ChannelOutcome.TryLater when message.DispatchAttempts < MaxAttempts:
                    message.Status = MessageStatus.Accepted;
                    break;
                default:
                    message.Status = MessageStatus.Failed;
                    message.DoneAt = clock.GetUtcNow();
                    refused.Add(message);
                    break;
            }
        }

        // One write for the whole batch: the statuses, and the refunds of what the upstream refused for good.
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

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} failed on message {MessageId}; it will be tried again")]
    private static partial void LogChannelFailed(ILogger logger, string channel, long messageId, Exception exception);
}
