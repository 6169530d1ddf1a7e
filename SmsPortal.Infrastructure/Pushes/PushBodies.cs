using System.Globalization;
using System.Text;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>The vendor's push forms, as the form-encoded bodies the push outbox stores and posts.</summary>
public static class PushBodies
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    /// <summary>A status report: code 2 and DELIVRD when delivered, else 0 with UNDELIV or EXPIRED.</summary>
    public static string Receipt(MessageStatus status, string mobile, string smsId, DateTimeOffset doneAt) => Form(
        ("code", status == MessageStatus.Delivered ? "2" : "0"),
        ("msg", status switch
        {
            MessageStatus.Delivered => "DELIVRD",
            MessageStatus.Expired => "EXPIRED",
            _ => "UNDELIV",
        }),
        ("mobilephone", mobile),
        ("smsid", smsId),
        ("report_time", ChinaTimeText(doneAt)));

    public static string Reply(string mobile, string content, string smsId, DateTimeOffset receivedAt) => Form(
        ("mobilephone", mobile),
        ("content", content),
        ("smsid", smsId),
        ("reply_time", ChinaTimeText(receivedAt)));

    /// <summary>A form body as <see cref="System.Net.Http.FormUrlEncodedContent"/> writes it (spaces as '+').</summary>
    public static string Form(params (string Name, string Value)[] fields)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(Encode(name)).Append('=').Append(Encode(value));
        }

        return body.ToString();
    }

    /// <summary>A row for the outbox, leased for <paramref name="lease"/> to the writer's node, which sends it at once.</summary>
    public static PushOutboxEntry Entry(int accountId, PushKind kind, long? messageId, string url, string body, DateTimeOffset now, TimeSpan lease) => new()
    {
        AccountId = accountId,
        Kind = kind,
        MessageId = messageId,
        Url = url,
        Body = body,
        State = PushState.Pending,
        CreatedAtMs = now.ToUnixTimeMilliseconds(),
        DueAtMs = (now + lease).ToUnixTimeMilliseconds(),
    };

    private static string ChinaTimeText(DateTimeOffset at) => at.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Encode(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
}
