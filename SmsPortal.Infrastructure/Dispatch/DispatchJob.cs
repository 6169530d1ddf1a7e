using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Hands accepted messages to their channel. A message is claimed first (Accepted → Dispatching, one
/// conditional update), so a job that runs twice, or two workers on the same ids, send each message once.
/// </summary>
public sealed partial class DispatchJob(
    IDbContextFactory<SmsPortalDbContext> contexts,
    ChannelRouter router,
    CreditLedger ledger,
    TimeProvider clock,
    ILogger<DispatchJob> logger)
{
    public const int MaxAttempts = 5;

    [AutomaticRetry(Attempts = 0)]
    public async Task DispatchAsync(long[] messageIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = await db.Messages
            .Where(m => messageIds.Contains(m.Id) && m.Status == MessageStatus.Accepted)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Dispatching).SetProperty(m => m.SubmittedAt, now).SetProperty(m => m.DispatchAttempts, m => m.DispatchAttempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var messages = await db.Messages.Where(m => messageIds.Contains(m.Id) && m.Status == MessageStatus.Dispatching && m.SubmittedAt == now).ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            var channel = router.ChannelFor(message);
            ChannelAnswer answer;
            try
            {
                answer = await channel.SubmitAsync(new OutboundMessage(message.Id, message.Mobile, message.Text, message.Parts), cancellationToken);
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
                case ChannelOutcome.TryLater when message.DispatchAttempts < MaxAttempts:
                    message.Status = MessageStatus.Accepted;
                    break;
                default:
                    await FailAsync(db, message, cancellationToken);
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A final failure before a receipt: the message fails and its reserved credits come back.</summary>
    private async Task FailAsync(SmsPortalDbContext db, Message message, CancellationToken cancellationToken)
    {
        message.Status = MessageStatus.Failed;
        message.DoneAt = clock.GetUtcNow();
        await ledger.AppendAsync(db, [new LedgerLine(message.AccountId, LedgerEntryKind.Refund, message.Parts, message.SmsId, "Refused upstream")], cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} failed on message {MessageId}; it will be tried again")]
    private static partial void LogChannelFailed(ILogger logger, string channel, long messageId, Exception exception);
}
