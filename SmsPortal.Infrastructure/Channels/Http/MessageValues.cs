using System.Globalization;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>What a message contributes to a provider's fields, fixed once per request.</summary>
internal sealed record MessageValues(OutboundMessage Message, long UnixTime)
{
    public string Value(string name) => name switch
    {
        "mobile" => Message.Mobile,
        "content" => Message.Text,
        "body" => SplitSignature(Message.Text).Body,
        "signature" => SplitSignature(Message.Text).Signature,
        "smsid" => Message.SmsId,
        "messageid" => Message.MessageId.ToString(CultureInfo.InvariantCulture),
        "parts" => Message.Parts.ToString(CultureInfo.InvariantCulture),
        "time" => UnixTime.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a message value"),
    };

    /// <summary>A leading 【signature】, for providers that add their own and want the text without it.</summary>
    private static (string Signature, string Body) SplitSignature(string text)
    {
        if (text.StartsWith('【'))
        {
            var end = text.IndexOf('】', StringComparison.Ordinal);
            if (end > 1)
            {
                return (text[1..end], text[(end + 1)..]);
            }
        }

        return ("", text);
    }
}
