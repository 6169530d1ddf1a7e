using System.Globalization;
using System.Text;

namespace SmsPortal.Domain.Ledger;

/// <summary>
/// A text the platform writes for people to read later (a ledger note, a billing audit detail), stored as a key
/// with values — <c>#Ledger.Delivered?parts=2</c> — so that every reader sees it in their own language. Values
/// are stored invariant (12.50, not 12,50) and escaped; a stored text without the leading <c>#</c> is free text
/// (an admin's reason, a package name, a row written before keys) and is shown as written.
/// </summary>
public sealed record KeyedText(string Key, IReadOnlyDictionary<string, string> Values)
{
    private const char Marker = '#';

    public static string Of(string key, params (string Name, object? Value)[] values)
    {
        var text = new StringBuilder().Append(Marker).Append(key);
        for (var i = 0; i < values.Length; i++)
        {
            var value = Convert.ToString(values[i].Value, CultureInfo.InvariantCulture) ?? "";
            text.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(values[i].Name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }

    /// <summary>The key and values of a stored text, or null for free text.</summary>
    public static KeyedText? Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored) || stored[0] != Marker || stored.Length == 1)
        {
            return null;
        }

        var query = stored.IndexOf('?', StringComparison.Ordinal);
        var key = query < 0 ? stored[1..] : stored[1..query];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (query >= 0)
        {
            foreach (var pair in stored[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                values[name] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return key.Length == 0 || key.Contains(' ', StringComparison.Ordinal) ? null : new KeyedText(key, values);
    }
}
