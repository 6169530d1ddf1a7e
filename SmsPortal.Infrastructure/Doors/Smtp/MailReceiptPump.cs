using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// Mails the delivery receipts of mail-sent messages back to their sender (<see cref="Message.ReceiptMailTo"/>), one
/// mail per sender and round listing every message finished since. The message row is the record of what is owed:
/// a receipt is claimed (ReceiptMailedAt set where it was still empty) before its mail goes, so two nodes never mail
/// it twice, and released again when the mail could not be sent, so it goes in a later round.
/// </summary>
internal sealed partial class MailReceiptPump(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IMailSender mail,
    SmtpDoorOptions options,
    TimeProvider clock,
    ILogger<MailReceiptPump> logger) : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ReceiptPollSeconds), clock);
        do
        {
            try
            {
                while (await SendRoundAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: claims the receipts owed, mails them per sender; returns how many were claimed.</summary>
    internal async Task<int> SendRoundAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owed = await db.Messages.AsNoTracking()
            .Where(m => m.ReceiptMailTo != null && m.ReceiptMailedAt == null
                && (m.Status == MessageStatus.Delivered || m.Status == MessageStatus.Failed || m.Status == MessageStatus.Expired))
            .OrderBy(m => m.Id)
            .Take(Batch)
            .Select(m => new ReceiptRow(m.Id, m.ReceiptMailTo!, m.Mobile, m.AcceptedAt, m.Status, m.DoneAt, m.UpstreamStatus))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = new List<ReceiptRow>();
        foreach (var row in owed)
        {
            if (await db.Messages.Where(m => m.Id == row.Id && m.ReceiptMailedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReceiptMailedAt, now), cancellationToken) == 1)
            {
                claimed.Add(row);
            }
        }

        foreach (var group in claimed.GroupBy(r => r.To, StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                await mail.SendAsync(new OutgoingMail(group.Key, $"短信状态报告 / SMS delivery receipts ({group.Count()})", Html(group.ToList())), cancellationToken);
            }
            catch (Exception e) when (e is IOException or MailKit.CommandException or MailKit.ProtocolException or System.Net.Sockets.SocketException or FormatException)
            {
                LogMailFailed(logger, group.Key, e);
                var ids = group.Select(r => r.Id).ToList();
                await db.Messages.Where(m => ids.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReceiptMailedAt, (DateTimeOffset?)null), CancellationToken.None);
            }
        }

        return owed.Count;
    }

    private static string Html(IReadOnlyList<ReceiptRow> rows)
    {
        var html = new StringBuilder("<p>以下短信已有最终状态。The following SMS have reached their final status.</p>");
        html.Append("<table><tr><th>号码 / number</th><th>smsid</th><th>code</th><th>状态 / status</th><th>report_time</th></tr>");
        foreach (var row in rows)
        {
            var (code, status) = row.Status switch
            {
                MessageStatus.Delivered => (2, "成功 / delivered"),
                MessageStatus.Expired => (0, "过期 / expired"),
                _ => (0, "失败 / failed"),
            };
            var time = (row.DoneAt ?? row.AcceptedAt).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(row.Mobile)}</td><td>{Message.FormatSmsId(row.AcceptedAt, row.Id)}</td><td>{code}</td><td>{status}{(row.UpstreamStatus is { Length: > 0 } raw ? " (" + WebUtility.HtmlEncode(raw) + ")" : "")}</td><td>{time}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private sealed record ReceiptRow(long Id, string To, string Mobile, DateTimeOffset AcceptedAt, MessageStatus Status, DateTimeOffset? DoneAt, string? UpstreamStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of receipt mails failed; it is tried again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt mail to {To} could not be sent; it is tried again")]
    private static partial void LogMailFailed(ILogger logger, string to, Exception exception);
}
