using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;
using SmsPortal.Infrastructure.Review;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Handset replies (MO): each is stored, given to the account whose message it answers (the message the upstream
/// names, else the latest message to that number within <see cref="DispatchOptions.ReplyMatchDays"/>, through the
/// same channel when there is one),
/// turned into an opt-out when it says TD / 退订 / STOP, and pushed to the account's reply URL in the vendor's form.
/// </summary>
public sealed partial class ReplyInbox(
    IDbContextFactory<SmsPortalDbContext> contexts,
    Blacklist blacklist,
    CustomerPushes pushes,
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
        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.Mobile == mobile && m.AcceptedAt >= since)
            .OrderByDescending(m => m.Id).Take(20)
            .Select(m => new { m.Id, m.AccountId, m.Channel, m.AcceptedAt })
            .ToListAsync(cancellationToken);
        var named = reply.AnswersUpstreamId is { Length: > 0 } upstreamId
            ? await db.Messages.AsNoTracking().Where(m => m.Channel == channel && m.UpstreamId == upstreamId)
                .Select(m => new { m.Id, m.AccountId, m.Channel, m.AcceptedAt }).FirstOrDefaultAsync(cancellationToken)
            : null;
        var answered = named ?? recent.FirstOrDefault(m => m.Channel == channel) ?? recent.FirstOrDefault();

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
        await db.SaveChangesAsync(cancellationToken);

        if (answered is null)
        {
            LogUnmatched(logger, channel, stored.Id);
            return stored;
        }

        if (stored.IsOptOut)
        {
            await blacklist.AddOptOutAsync(answered.AccountId, mobile, cancellationToken);
        }

        var url = await db.Accounts.Where(a => a.Id == answered.AccountId).Select(a => a.ReplyPushUrl).SingleAsync(cancellationToken);
        pushes.Enqueue(answered.AccountId, PushKind.Reply, url, new Dictionary<string, string>
        {
            ["mobilephone"] = mobile,
            ["content"] = content,
            ["smsid"] = Message.FormatSmsId(answered.AcceptedAt, answered.Id),
            ["reply_time"] = stored.ReceivedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        });
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

/// <summary>The one door for what upstreams report: receipts to <see cref="ReceiptProcessor"/>, replies to <see cref="ReplyInbox"/>.</summary>
public sealed class UpstreamEvents(ReceiptProcessor receipts, ReplyInbox replies) : IUpstreamEvents
{
    public Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken) =>
        receipts.ReceiptAsync(channel, upstreamId, delivered, raw, cancellationToken);

    public Task ReplyAsync(string channel, InboundReply reply, CancellationToken cancellationToken) =>
        replies.StoreAsync(channel, reply, cancellationToken);
}
