using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;
using H = SmsPortal.Infrastructure.Channels.Settings.HttpChannelDeclaration;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>
/// An HTTP provider as its settings describe it (<c>Channels:&lt;name&gt;</c> with <c>Type = Http</c>), read once and
/// checked whole: <see cref="Read"/> names every wrong setting in one <see cref="ChannelSettingsException"/>.
/// <para>
/// <c>Preset = Vendor</c> fills in the vendor's own Submit call (../shared/vendor-api.md) from <c>BaseUrl</c>,
/// <c>Account</c> and <c>Password</c> (the API key); any setting given explicitly wins over the preset's, and
/// <c>Fields:*</c> given explicitly are added to (or replace) the preset's fields.
/// </para>
/// </summary>
internal sealed class HttpChannelSettings
{
    public const string VendorPreset = "Vendor";

    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(100);

    public required Uri Url { get; init; }

    public required HttpMethod Method { get; init; }

    public required HttpBodyKind Body { get; init; }

    public required Encoding Encoding { get; init; }

    /// <summary>The charset label as configured ("gbk"), which is what providers expect; .NET would call GBK "gb2312".</summary>
    public required string Charset { get; init; }

    public required IReadOnlyList<(string Name, FieldTemplate Value)> Fields { get; init; }

    public required IReadOnlyList<(string Name, FieldTemplate Value)> Headers { get; init; }

    /// <summary>Values of the channel's own settings, for placeholders such as {account}.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    public Regex? SuccessPattern { get; init; }

    public string? SuccessJsonPointer { get; init; }

    public string? SuccessValue { get; init; }

    public Regex? MessageIdPattern { get; init; }

    public string? MessageIdJsonPointer { get; init; }

    public Regex? TryLaterPattern { get; init; }

    public Regex? FaultPattern { get; init; }

    public required IReadOnlySet<string> TryLaterValues { get; init; }

    public required IReadOnlySet<string> FaultValues { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required int MaxConcurrent { get; init; }

    /// <summary>0: no cap.</summary>
    public required int MaxPerSecond { get; init; }

    public required int FailuresToOpen { get; init; }

    public required TimeSpan OpenDuration { get; init; }

    public required HttpCallbackSettings Callbacks { get; init; }

    public static HttpChannelSettings Read(string channel, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var (read, preset) = Reader(channel, section);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren().Where(c => c.Value is not null))
        {
            values[child.Key] = child.Value!;
        }

        foreach (var (key, value) in preset.Where(p => p.Value is not null && !p.Key.Contains(':', StringComparison.Ordinal) && !values.ContainsKey(p.Key)))
        {
            values[key] = value!;
        }

        var url = read.Raw(H.Url.Name);
        Uri? uri = null;
        if (url is null)
        {
            read.Problem(H.Url.Name, "is required (or Preset = Vendor with BaseUrl)");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            read.Problem(H.Url.Name, $"'{url}' is not an absolute http or https address");
        }

        var method = read.Word(H.Method) == "GET" ? HttpMethod.Get : HttpMethod.Post;
        var body = read.Raw(H.Body.Name) is null
            ? (method == HttpMethod.Get ? HttpBodyKind.Query : HttpBodyKind.Form)
            : read.OptionalChoice<HttpBodyKind>(H.Body) ?? HttpBodyKind.Form;
        if (method == HttpMethod.Get && body != HttpBodyKind.Query && read.Problems.Count == 0)
        {
            read.Problem(H.Body.Name, $"{body} needs Method POST (a GET carries its fields in the query: Body = Query)");
        }

        var charset = read.Text(H.Encoding);
        var encoding = ReadEncoding(charset, read);
        var fields = Templates(read, H.Fields, preset, values);
        if (fields.Count == 0)
        {
            read.Problem(H.Fields.Name, "at least one field is needed (Fields:<name> = template with {mobile}, {content}, ...)");
        }

        if (fields.Any(f => f.Value.UsesDynamicPassword))
        {
            if (!fields.Any(f => f.Value.UsesTime))
            {
                read.Problem(H.Fields.Name, "{password:dynamic} needs a field that sends {time}");
            }

            foreach (var needed in new[] { H.Account, H.Password }.Where(n => !values.ContainsKey(n.Name)))
            {
                read.Problem(needed.Name, "is required by {password:dynamic}");
            }
        }

        var headers = Templates(read, H.Headers, new Dictionary<string, string?>(), values);
        var successPattern = ReadRegex(read, H.SuccessPattern);
        var successPointer = ReadPointer(read, H.SuccessJsonPointer);
        var successValue = read.Raw(H.SuccessValue.Name);
        if (successPattern is null && successPointer is null && !read.Problems.Any(p => p.StartsWith(read.Prefix + "Success", StringComparison.Ordinal)))
        {
            read.Problem("SuccessPattern or SuccessJsonPointer", "one is required, to tell an accepted message from a refused one");
        }

        if (successPattern is not null && successPointer is not null)
        {
            read.Problem("SuccessPattern and SuccessJsonPointer", "give one, not both");
        }

        if (successPointer is not null && successValue is null)
        {
            read.Problem(H.SuccessValue.Name, "is required with SuccessJsonPointer (the value that means accepted)");
        }

        var idPattern = ReadRegex(read, H.MessageIdPattern);
        if (idPattern is not null && idPattern.GetGroupNumbers().Length < 2)
        {
            read.Problem(H.MessageIdPattern.Name, "needs a capture group, (?<id>...) or (...), around the message id");
        }

        var idPointer = ReadPointer(read, H.MessageIdJsonPointer);
        if (idPointer is not null && successPattern is not null)
        {
            read.Problem(H.MessageIdJsonPointer.Name, "needs a JSON answer (SuccessJsonPointer), not SuccessPattern");
        }

        var settings = new HttpChannelSettings
        {
            Url = uri ?? new Uri("http://invalid/"),
            Method = method,
            Body = body,
            Encoding = encoding,
            Charset = charset.Trim().ToLowerInvariant(),
            Fields = fields,
            Headers = headers,
            Values = values,
            SuccessPattern = successPattern,
            SuccessJsonPointer = successPointer,
            SuccessValue = successValue,
            MessageIdPattern = idPattern,
            MessageIdJsonPointer = idPointer,
            TryLaterPattern = ReadRegex(read, H.TryLaterPattern),
            FaultPattern = ReadRegex(read, H.FaultPattern),
            TryLaterValues = read.List(H.TryLaterValues).ToHashSet(StringComparer.Ordinal),
            FaultValues = read.List(H.FaultValues).ToHashSet(StringComparer.Ordinal),
            Timeout = TimeSpan.FromSeconds(read.Number(H.TimeoutSeconds)),
            MaxConcurrent = read.Number(H.MaxConcurrent),
            MaxPerSecond = read.Number(H.MaxPerSecond),
            FailuresToOpen = read.Number(H.FailuresToOpen),
            OpenDuration = TimeSpan.FromSeconds(read.Number(H.OpenSeconds)),
            Callbacks = HttpCallbackSettings.Read(read),
        };

        read.ThrowIfAnyFor(channel);
        return settings;
    }

    /// <summary>
    /// True when these settings take receipts or replies (the Vendor preset does) but name neither a CallbackSecret nor
    /// CallbackAllowedAddresses: an admin's save gives such a channel a secret of its own.
    /// </summary>
    public static bool NeedsCallbackSecret(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var (read, _) = Reader("channel", section);
        return HttpCallbackSettings.TakesCallbacks(read) && read.Raw(H.CallbackSecret.Name) is null && read.Raw(H.CallbackAllowedAddresses.Name) is null;
    }

    /// <summary>A reader of the settings in which a setting given wins over the preset's.</summary>
    private static (ChannelSettingsReader Read, Dictionary<string, string?> Preset) Reader(string channel, IConfiguration section)
    {
        var preset = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var read = new ChannelSettingsReader(
            ChannelSettingsReader.ChannelPrefix(channel),
            key => section[key] is { Length: > 0 } value ? value : preset.TryGetValue(key, out var fallback) ? fallback : null,
            section);
        foreach (var (key, value) in Preset(read))
        {
            preset[key] = value;
        }

        return (read, preset);
    }

    /// <summary>
    /// The vendor's Submit (vendor-api.md) as settings. Its codes are sorted three ways: 2 accepted; codes that say the
    /// channel itself cannot send (IP, credentials, frozen account, no credits, dynamic password) are faults — try the
    /// message later and count towards opening the circuit, so routing skips the channel until it is fixed; 4080 (one
    /// SMS a second to a number) is try-later; everything else (number, content, signature, template, per-number daily
    /// limits, blacklist, 0) refuses this message for good.
    /// </summary>
    private static Dictionary<string, string?> Preset(ChannelSettingsReader read)
    {
        if (read.Raw(H.Preset.Name) is null || read.Word(H.Preset) is null)
        {
            return new(StringComparer.OrdinalIgnoreCase);
        }

        var baseUrl = read.Raw(H.BaseUrl.Name);
        if (baseUrl is null)
        {
            read.Problem(H.BaseUrl.Name, "is required with Preset = Vendor (the vendor's or another SmsPortal's address, e.g. https://sms.example.com)");
        }

        foreach (var needed in new[] { H.Account, H.Password }.Where(n => read.Raw(n.Name) is null))
        {
            read.Problem(needed.Name, $"is required with Preset = Vendor ({(needed == H.Account ? "the API ID" : "the API key")})");
        }

        var dynamic = read.Flag(H.UseDynamicPassword);
        var preset = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Url"] = baseUrl is null ? null : baseUrl.TrimEnd('/') + "/webservice/sms.php?method=Submit",
            ["Method"] = "POST",
            ["Body"] = "Form",
            ["Encoding"] = "utf-8",
            ["Fields:account"] = "{Account}",
            ["Fields:password"] = dynamic ? "{password:dynamic}" : "{Password}",
            ["Fields:mobile"] = "{mobile}",
            ["Fields:content"] = "{content}",
            ["Fields:format"] = "json",
            ["SuccessJsonPointer"] = "/code",
            ["SuccessValue"] = "2",
            ["MessageIdJsonPointer"] = "/smsid",
            ["TryLaterValues"] = "4080",
            ["FaultValues"] = "400,401,402,405,4050,40501,40502,4051,4052",
            ["ReceiptIdField"] = "smsid",
            ["ReceiptStatusField"] = "code",
            ["DeliveredValue"] = "2",
            ["ReplyFromField"] = "mobilephone",
            ["ReplyTextField"] = "content",
            ["ReplyTimeField"] = "reply_time",
            ["ReplyMessageIdField"] = "smsid",
            ["CallbackAnswer"] = "success",
        };
        if (dynamic)
        {
            preset["Fields:time"] = "{time}";
        }

        return preset;
    }

    private static List<(string Name, FieldTemplate Value)> Templates(
        ChannelSettingsReader read, ChannelSetting map, Dictionary<string, string?> preset, IReadOnlyDictionary<string, string> values)
    {
        var prefix = map.Name;
        var merged = new List<(string Name, string Template, bool Explicit)>();
        foreach (var (key, value) in preset.Where(p => p.Key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase) && p.Value is not null))
        {
            merged.Add((key[(prefix.Length + 1)..], value!, false));
        }

        foreach (var (key, value) in read.Map(map))
        {
            merged.RemoveAll(m => string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase));
            merged.Add((key, value, true));
        }

        var templates = new List<(string, FieldTemplate)>();
        foreach (var (name, text, isExplicit) in merged)
        {
            var template = FieldTemplate.Parse(text, values, out var problem);
            if (problem is not null)
            {
                // A preset's field fails only for a missing preset setting, which is named already.
                if (isExplicit)
                {
                    read.Problem($"{prefix}:{name}", problem);
                }
            }
            else
            {
                templates.Add((name, template!));
            }
        }

        return templates;
    }

    private static Encoding ReadEncoding(string name, ChannelSettingsReader read)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            read.Problem(H.Encoding.Name, $"'{name}' is not an encoding this system knows (utf-8, gbk, gb18030, ...)");
            return Encoding.UTF8;
        }
    }

    private static Regex? ReadRegex(ChannelSettingsReader read, ChannelSetting setting)
    {
        if (read.Raw(setting.Name) is not { } pattern)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexBudget);
        }
        catch (ArgumentException exception)
        {
            read.Problem(setting.Name, $"not a regular expression ({exception.Message})");
            return null;
        }
    }

    private static string? ReadPointer(ChannelSettingsReader read, ChannelSetting setting)
    {
        if (read.Raw(setting.Name) is not { } pointer)
        {
            return null;
        }

        if (!pointer.StartsWith('/'))
        {
            read.Problem(setting.Name, $"'{pointer}' is not a JSON pointer (it starts with '/', e.g. /code)");
            return null;
        }

        return pointer;
    }
}
