using System.Text;
using MimeKit;
using MimeKit.Text;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// The SMS text of a mail. MimeKit undoes the transfer encoding (quoted-printable, base64) and the charset (UTF-8,
/// GBK, GB18030…); the text/plain part is taken, or an HTML-only mail is reduced to its text. Line ends become \n,
/// trailing blanks go, and a mail signature after the "-- " line is cut (mail programs add it, an SMS never wants it).
/// </summary>
internal static class MailBodyReader
{
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "head", "script", "style", "title" };

    private static readonly HashSet<string> Breaking = new(StringComparer.OrdinalIgnoreCase) { "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol" };

    public static string Body(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.TextBody;
        if (text is null && message.HtmlBody is { } html)
        {
            text = HtmlToText(html);
        }

        return Clean(text ?? "");
    }

    public static string Subject(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (message.Subject ?? "").Trim();
    }

    public static string HtmlToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder();
        var hiddenDepth = 0;
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Hidden.Contains(tag.Name):
                    if (!tag.IsEmptyElement)
                    {
                        hiddenDepth = Math.Max(0, hiddenDepth + (tag.IsEndTag ? -1 : 1));
                    }

                    break;
                case HtmlTagToken tag when Breaking.Contains(tag.Name):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hiddenDepth == 0:
                    text.Append(data.Data);
                    break;
            }
        }

        // HTML's own white space rule: runs of blanks and line ends in the source are one space.
        var lines = text.ToString().Split('\n').Select(line => string.Join(' ', line.Split([' ', '\t', '\r', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)));
        return string.Join('\n', lines.Where(line => line.Length > 0));
    }

    private static string Clean(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').ToList();
        var signature = lines.IndexOf("-- ");
        if (signature >= 0)
        {
            lines.RemoveRange(signature, lines.Count - signature);
        }

        return string.Join('\n', lines.Select(line => line.TrimEnd())).Trim();
    }
}
