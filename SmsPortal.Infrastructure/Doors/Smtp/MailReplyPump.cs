using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>Tries the SMTP door's reply mails that are due again (<see cref="MailReplyOutbox"/>), on every node where the door is configured.</summary>
internal sealed partial class MailReplyPump(MailReplyOutbox outbox, SmtpDoorOptions options, TimeProvider clock, ILogger<MailReplyPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Min(options.ReceiptPollSeconds, options.ReplyRetrySeconds)), clock);
        do
        {
            try
            {
                await outbox.SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of reply mails failed; it is tried again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
