using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;
using SmsPortal.Infrastructure.Review;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Handset replies (MO): each is stored, given to the account whose message it answers (the message the upstream
/// names, else the latest message to that number within <see cref="DispatchOptions.ReplyMatchDays"/> through the
/// same channel, when only one account sent to the number through it; otherwise to no account, kept for admins),
/// turned into an opt-out when it says TD / 退订 / STOP, and pushed to the account's reply URL in the vendor's form.
/// </summary>
public sealed partial class ReplyInbox(
    IDbContextFactory<SmsPortalDbContext> contexts,
    Blacklist blacklist,
    PushOutbox outbox,
    PipelineWriteTurn turn,
    IOptions<DispatchOptions> options,
    TimeProvider clock,
    ILogger<ReplyInbox> logger)
{
    /// <summary>Raised after a reply was stored for an account (account id, reply id), for pages that show replies live.</summary>
    public event Action<int, long>? Received;

    public async Task<Reply> StoreAsync(string channel, InboundReply reply, CancellationToken cancellationToken)
    {
        var mobile = Normalise(reply.From);
        var content = reply.Text.Length <= 2000 ? reply.Text : reply.Text[..2000];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = clock.GetUtcNow().AddDays(-options.Value.ReplyMatchDays);
        // Only messages that left through the channel the reply came back on can be what it answers.
        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.Mobile == mobile && m.Channel == channel && m.AcceptedAt >= since)
            .OrderByDescending(m => m.Id).Take(50)
            .Select(m => new { m.Id, m.AccountId, m.Channel, m.AcceptedAt })
            .ToListAsync(cancellationToken);
        var named = reply.AnswersUpstreamId is { Length: > 0 } upstreamId
            ? await db.Messages.AsNoTracking().Where(m => m.Channel == channel && m.UpstreamId == upstreamId)
                .Select(m => new { m.Id, m.AccountId, m.Channel, m.AcceptedAt }).FirstOrDefaultAsync(cancellationToken)
            : null;

        // When several accounts sent to the number through that channel, nothing tells whose message the handset
        // answers: the reply (and an opt-out in it) goes to no account rather than to the wrong one; admins see it.
        var answered = named ?? (recent.Select(m => m.AccountId).Distinct().Count() == 1 ? recent[0] : null);

        var stored = new Reply
        {
            AccountId = answered?.AccountId,
            MessageId = answered?.Id,
            Mobile = mobile,
            To = Truncate(reply.To, 40),
            Content = content,
            Channel = channel,
            ReceivedAt = reply.ReceivedAt.ToUniversalTime(),
            IsOptOut = answered is not null && OptOut.IsOptOutReply(content),
            Raw = Truncate(reply.Raw, 1000),
        };
        db.Replies.Add(stored);

        // The reply and its push are one write: a crash cannot keep one and lose the other.
        var push = answered is null ? null : outbox.Add(
            db,
            answered.AccountId,
            PushKind.Reply,
            answered.Id,
            await db.Accounts.Where(a => a.Id == answered.AccountId).Select(a => a.ReplyPushUrl).SingleAsync(cancellationToken),
            PushBodies.Reply(mobile, content, Message.FormatSmsId(answered.AcceptedAt, answered.Id), stored.ReceivedAt));
        using (await turn.TakeAsync(db, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (answered is null)
        {
            LogUnmatched(logger, channel, stored.Id);
            return stored;
        }

        if (stored.IsOptOut)
        {
            await blacklist.AddOptOutAsync(answered.AccountId, mobile, cancellationToken);
        }

        // Pushed once the opt-out holds: a customer reading the push finds the number blocked.
        outbox.Committed(push);

        Received?.Invoke(answered.AccountId, stored.Id);
        return stored;
    }

    /// <summary>The number as messages store it; upstreams write "8613800138000", "+8613800138000" or "13800138000".</summary>
    public static string Normalise(string from)
    {
        var trimmed = from.Trim();
        var parsed = MobileNumber.Parse(trimmed);
        if (!parsed.IsAccepted && trimmed.Length > 0 && char.IsAsciiDigit(trimmed[0]))
        {
            parsed = MobileNumber.Parse("+" + trimmed);
        }

        return parsed.IsAccepted ? parsed.Value.Value : Truncate(trimmed, 24);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {ReplyId} on channel {Channel} answers no recent message; kept for the admins")]
    private static partial void LogUnmatched(ILogger logger, string channel, long replyId);
}
