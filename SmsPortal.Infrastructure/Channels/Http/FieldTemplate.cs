using System.Text;
using System.Text.RegularExpressions;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>
/// A field's value with placeholders: message values ({mobile}, {content} = the whole text with its 【signature】,
/// {body} and {signature} = the two apart, {smsid}, {messageid}, {parts}, {time} = Unix seconds), any of the
/// channel's own settings by name ({account}, {password}, ...), and {password:dynamic}, the vendor's dynamic password
/// md5(Account + Password + mobile + content + time) in lower-case hex of the UTF-8 bytes, where content is the value
/// of the field named "content" as sent (the whole text when there is none). {{ and }} are literal braces.
/// </summary>
internal sealed partial class FieldTemplate
{
    private static readonly HashSet<string> MessageNames = ["mobile", "content", "body", "signature", "smsid", "messageid", "parts", "time"];

    private readonly List<(int Kind, string Text)> _parts;

    private FieldTemplate(List<(int Kind, string Text)> parts) => _parts = parts;

    private const int Literal = 0;
    private const int MessageValue = 1;
    private const int DynamicPassword = 2;

    public bool UsesDynamicPassword => _parts.Any(p => p.Kind == DynamicPassword);

    public bool UsesTime => _parts.Any(p => p.Kind == MessageValue && p.Text == "time");

    public static FieldTemplate? Parse(string text, IReadOnlyDictionary<string, string> settings, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(settings);
        var parts = new List<(int, string)>();
        var last = 0;
        string? Text(string literal) =>
            literal.Contains('{', StringComparison.Ordinal) || literal.Contains('}', StringComparison.Ordinal)
                ? $"'{literal}' has an unmatched brace (write {{{{ or }}}} for a literal one)"
                : null;

        foreach (Match match in Placeholder().Matches(text))
        {
            if (match.Index > last)
            {
                var literal = text[last..match.Index];
                if (Text(literal) is { } unmatched)
                {
                    problem = unmatched;
                    return null;
                }

                parts.Add((Literal, literal));
            }

            last = match.Index + match.Length;
            if (match.Value is "{{" or "}}")
            {
                parts.Add((Literal, match.Value[..1]));
                continue;
            }

            var name = match.Groups["name"].Value;
            var lower = name.ToLowerInvariant();
            if (match.Groups["dynamic"].Success)
            {
                if (lower != "password")
                {
                    problem = $"{match.Value}: only {{password:dynamic}} has a dynamic form";
                    return null;
                }

                parts.Add((DynamicPassword, ""));
            }
            else if (MessageNames.Contains(lower))
            {
                parts.Add((MessageValue, lower));
            }
            else if (settings.TryGetValue(name, out var value))
            {
                parts.Add((Literal, value));
            }
            else
            {
                problem = $"{match.Value} is neither a message value ({string.Join(", ", MessageNames.Select(n => "{" + n + "}"))}) nor a setting of this channel";
                return null;
            }
        }

        if (last < text.Length)
        {
            var rest = text[last..];
            if (Text(rest) is { } unmatched)
            {
                problem = unmatched;
                return null;
            }

            parts.Add((Literal, rest));
        }

        problem = null;
        return new FieldTemplate(parts);
    }

    public string Render(MessageValues values, string? dynamicPassword)
    {
        var builder = new StringBuilder();
        foreach (var (kind, text) in _parts)
        {
            builder.Append(kind switch
            {
                MessageValue => values.Value(text),
                DynamicPassword => dynamicPassword ?? throw new InvalidOperationException("The dynamic password is computed after the other fields."),
                _ => text,
            });
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\{\{|\}\}|\{(?<name>[A-Za-z][A-Za-z0-9_]*)(?<dynamic>:dynamic)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
