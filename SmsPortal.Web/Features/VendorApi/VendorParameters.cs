using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Web;

namespace SmsPortal.Web.Features.VendorApi;

/// <summary>
/// The parameters of a vendor-style call, read the way the vendor's many client demos send them: from the
/// query string and the body alike (the body wins), as a form even when the Content-Type says JSON or XML,
/// as JSON when the body is a JSON object, and in the charset the client declared (UTF-8, or GBK and its
/// kin through `charset=` in the Content-Type or the query).
/// </summary>
internal sealed class VendorParameters
{
    public const int MaxBodyBytes = 64 * 1024;

    private readonly Dictionary<string, string> _values;

    private VendorParameters(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>The parameters, or null when the body is larger than <see cref="MaxBodyBytes"/> (answered 413).</summary>
    public static async Task<VendorParameters?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var contentType = request.ContentType ?? "";
        var encoding = EncodingOf(CharsetOf(contentType) ?? CharsetInQuery(rawQuery));
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ParseForm(rawQuery, encoding, values);

        if (request.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            // One pooled buffer per request (a Submit body is a few hundred bytes), grown only for large bodies.
            var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length and > 0 ? (int)length + 1 : 4096);
            try
            {
                var size = 0;
                int read;
                while ((read = await request.Body.ReadAsync(buffer.AsMemory(size), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > MaxBodyBytes)
                    {
                        return null;
                    }

                    if (size == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                        buffer.AsSpan(0, size).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                var body = encoding.GetString(buffer, 0, size).Trim();
                if (!(body.StartsWith('{') && TryParseJson(body, values)))
                {
                    ParseForm(body, encoding, values);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return new VendorParameters(values);
    }

    private static void ParseForm(string text, Encoding encoding, Dictionary<string, string> values)
    {
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = HttpUtility.UrlDecode(equals < 0 ? pair : pair[..equals], encoding);
            var value = equals < 0 ? "" : HttpUtility.UrlDecode(pair[(equals + 1)..], encoding);
            if (!string.IsNullOrEmpty(name))
            {
                values[name] = value;
            }
        }
    }

    private static bool TryParseJson(string body, Dictionary<string, string> values)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? "",
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => "",
                };
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? CharsetOf(string contentType)
    {
        foreach (var part in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return part[8..].Trim('"', ' ');
            }
        }

        return null;
    }

    private static string? CharsetInQuery(string rawQuery)
    {
        foreach (var pair in rawQuery.Split('&'))
        {
            if (pair.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return pair[8..];
            }
        }

        return null;
    }

    /// <summary>The declared charset; UTF-8 when none or an unknown one is declared.</summary>
    private static Encoding EncodingOf(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
