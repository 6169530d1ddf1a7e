using System.Globalization;
using System.Text;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// The de-facto delivery receipt text of SMPP 3.4 Appendix B:
/// <c>id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...</c>.
/// Parsing is tolerant: any case, fields missing or in another order, extra spaces; text runs to the end.
/// </summary>
public sealed record DeliveryReceipt(
    string? Id,
    string? Submitted = null,
    string? Delivered = null,
    string? SubmitDate = null,
    string? DoneDate = null,
    string? State = null,
    string? Error = null,
    string? Text = null)
{
    public const string StateDelivered = "DELIVRD";
    public const string StateExpired = "EXPIRED";
    public const string StateDeleted = "DELETED";
    public const string StateUndeliverable = "UNDELIV";
    public const string StateAccepted = "ACCEPTD";
    public const string StateUnknown = "UNKNOWN";
    public const string StateRejected = "REJECTD";
    public const string StateEnroute = "ENROUTE";

    private static readonly string[] Keys = ["id", "sub", "dlvrd", "submit date", "done date", "stat", "err", "text"];

    /// <summary>DELIVRD.</summary>
    public bool IsDelivered => string.Equals(State, StateDelivered, StringComparison.OrdinalIgnoreCase);

    /// <summary>A state after which nothing changes: everything but ENROUTE and ACCEPTD (and no state at all).</summary>
    public bool IsFinal => State is not null
        && !string.Equals(State, StateEnroute, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(State, StateAccepted, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a receipt text; null when it has neither an id nor a stat field (not a receipt).</summary>
    public static DeliveryReceipt? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var found = new List<(int Start, int ValueStart, string Key)>();
        foreach (var key in Keys)
        {
            var at = Find(text, key);
            if (at >= 0)
            {
                found.Add((at, at + key.Length + 1, key));
            }
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        // The text comes last and may hold anything, "id:" included: keys found inside it are its words.
        var textAt = found.FindIndex(f => f.Key == "text");
        if (textAt >= 0)
        {
            found.RemoveRange(textAt + 1, found.Count - textAt - 1);
        }
        var values = new Dictionary<string, string>();
        for (var i = 0; i < found.Count; i++)
        {
            var (_, valueStart, key) = found[i];
            var end = i + 1 < found.Count ? found[i + 1].Start : text.Length;
            var value = text[Math.Min(valueStart, end)..end];
            values[key] = key == "text" ? value : value.Trim();
        }
        if (!values.ContainsKey("id") && !values.ContainsKey("stat"))
        {
            return null;
        }
        string? Value(string key) => values.TryGetValue(key, out var v) ? v : null;
        return new DeliveryReceipt(Value("id"), Value("sub"), Value("dlvrd"), Value("submit date"), Value("done date"),
            Value("stat")?.ToUpperInvariant(), Value("err"), Value("text"));
    }

    // "key:" at the start or after a space, any case; "submit date" also matches "submit_date".
    private static int Find(string text, string key)
    {
        var pattern = key + ":";
        var from = 0;
        while (from < text.Length)
        {
            var at = IndexOfKey(text, pattern, from);
            if (at < 0)
            {
                return -1;
            }
            if (at == 0 || char.IsWhiteSpace(text[at - 1]))
            {
                return at;
            }
            from = at + 1;
        }
        return -1;
    }

    private static int IndexOfKey(string text, string pattern, int from)
    {
        var at = text.IndexOf(pattern, from, StringComparison.OrdinalIgnoreCase);
        if (pattern.Contains(' ', StringComparison.Ordinal))
        {
            var underscored = text.IndexOf(pattern.Replace(' ', '_'), from, StringComparison.OrdinalIgnoreCase);
            if (underscored >= 0 && (at < 0 || underscored < at))
            {
                return underscored;
            }
        }
        return at;
    }

    /// <summary>The standard text, fields in the standard order; missing counts as "000", dates as the given ones.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"id:{Id} sub:{Submitted ?? "001"} dlvrd:{Delivered ?? (IsDelivered ? "001" : "000")} ");
        text.Append(CultureInfo.InvariantCulture, $"submit date:{SubmitDate} done date:{DoneDate} stat:{State ?? StateUnknown} err:{Error ?? "000"} text:{Text}");
        return text.ToString();
    }

    /// <summary>The receipt date format (YYMMDDhhmm, UTC).</summary>
    public static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>Reads YYMMDDhhmm or YYMMDDhhmmss as UTC; null when it is neither.</summary>
    public static DateTimeOffset? ParseDate(string? value) =>
        DateTime.TryParseExact(value, ["yyMMddHHmm", "yyMMddHHmmss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : null;
}
