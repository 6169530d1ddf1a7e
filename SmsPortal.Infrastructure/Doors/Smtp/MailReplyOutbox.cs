using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Doors;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// The SMTP door's reply mails, kept in the database until the mail server takes them (decision 0032): a reply is
/// written before the mail it answers is answered, tried at once, and tried again by <see cref="MailReplyPump"/> after
/// <see cref="SmtpDoorOptions.ReplyRetrySeconds"/>, doubling each time up to an hour, <see cref="MaxAttempts"/> times in
/// all. Each try claims the row first (a conditional update of its attempts), so two nodes never send one reply twice.
/// </summary>
internal sealed partial class MailReplyOutbox(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IMailSender mail,
    SmtpDoorOptions options,
    TimeProvider clock,
    ILogger<MailReplyOutbox> logger)
{
    /// <summary>Tries before a reply is given up (logged): with the default pause of a minute, about seven hours.</summary>
    public const int MaxAttempts = 12;

    private const int Batch = 100;

    /// <summary>Keeps the reply, then tries to send it; a reply the mail server refuses now goes later.</summary>
    public async Task SendAsync(OutgoingMail reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var now = clock.GetUtcNow();
        var row = new MailDoorReply
        {
            To = reply.To,
            Subject = reply.Subject.Length > MailDoorReply.SubjectMaxLength ? reply.Subject[..MailDoorReply.SubjectMaxLength] : reply.Subject,
            HtmlBody = reply.HtmlBody,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.MailDoorReplies.Add(row);
        await db.SaveChangesAsync(CancellationToken.None);
        await TryAsync(db, row.Id, 0, CancellationToken.None);
    }

    /// <summary>One round of the pump: every reply due, tried once; returns how many were due.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.MailDoorReplies.AsNoTracking()
            .Where(r => r.SentAt == null && r.Attempts < MaxAttempts && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt)
            .Take(Batch)
            .Select(r => new { r.Id, r.Attempts })
            .ToListAsync(cancellationToken);
        foreach (var reply in due)
        {
            await TryAsync(db, reply.Id, reply.Attempts, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>Claims the reply (its attempts still <paramref name="attempts"/>), sends it, and marks it sent.</summary>
    private async Task TryAsync(SmsPortalDbContext db, long id, int attempts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var next = now + Pause(attempts + 1);
        if (await db.MailDoorReplies.Where(r => r.Id == id && r.SentAt == null && r.Attempts == attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, attempts + 1).SetProperty(r => r.NextAttemptAt, next), cancellationToken) != 1)
        {
            return;
        }

        var reply = await db.MailDoorReplies.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        try
        {
            await mail.SendAsync(new OutgoingMail(reply.To, reply.Subject, reply.HtmlBody), cancellationToken);
        }
        catch (Exception e) when (e is IOException or MailKit.CommandException or MailKit.ProtocolException or System.Net.Sockets.SocketException or FormatException)
        {
            if (attempts + 1 >= MaxAttempts)
            {
                LogGaveUp(logger, reply.To, attempts + 1, e);
            }
            else
            {
                LogRetry(logger, reply.To, next, e);
            }

            return;
        }

        await db.MailDoorReplies.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, clock.GetUtcNow()), CancellationToken.None);
    }

    /// <summary>The pause after the <paramref name="attempt"/>th try: the configured one, doubled each time, at most an hour.</summary>
    private TimeSpan Pause(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(3600, options.ReplyRetrySeconds * Math.Pow(2, Math.Min(attempt - 1, 20))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The submission result mail to {To} could not be sent; it is tried again at {Next}")]
    private static partial void LogRetry(ILogger logger, string to, DateTimeOffset next, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The submission result mail to {To} could not be sent in {Attempts} tries; it is given up")]
    private static partial void LogGaveUp(ILogger logger, string to, int attempts, Exception exception);
}
