using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Infrastructure.Channels.Http;

internal enum HttpBodyKind
{
    Form,
    Json,
    Query,
}

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
        var problems = new List<string>();
        var preset = Preset(section, problems);
        var Get = Getter(section, preset);

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren().Where(c => c.Value is not null))
        {
            values[child.Key] = child.Value!;
        }

        foreach (var (key, value) in preset.Where(p => p.Value is not null && !p.Key.Contains(':', StringComparison.Ordinal) && !values.ContainsKey(p.Key)))
        {
            values[key] = value!;
        }

        var url = Get("Url");
        Uri? uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            problems.Add("Url: required (or Preset = Vendor with BaseUrl)");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"Url: '{url}' is not an absolute http or https address");
        }

        var method = (Get("Method") ?? "POST").ToUpperInvariant() switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            var other => Problem<HttpMethod>(problems, $"Method: '{other}' is neither GET nor POST"),
        };
        var body = Enum.TryParse<HttpBodyKind>(Get("Body") ?? (method == HttpMethod.Get ? "Query" : "Form"), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : Problem<HttpBodyKind>(problems, $"Body: '{Get("Body")}' is not Form, Json or Query");
        if (method == HttpMethod.Get && body != HttpBodyKind.Query && problems.Count == 0)
        {
            problems.Add($"Body: {body} needs Method POST (a GET carries its fields in the query: Body = Query)");
        }

        var encoding = ReadEncoding(Get("Encoding") ?? "utf-8", problems);
        var fields = Templates(section.GetSection("Fields"), preset, "Fields", values, problems);
        if (fields.Count == 0)
        {
            problems.Add("Fields: at least one field is needed (Fields:<name> = template with {mobile}, {content}, ...)");
        }

        if (fields.Any(f => f.Value.UsesDynamicPassword))
        {
            if (!fields.Any(f => f.Value.UsesTime))
            {
                problems.Add("Fields: {password:dynamic} needs a field that sends {time}");
            }

            foreach (var needed in new[] { "Account", "Password" }.Where(n => !values.ContainsKey(n)))
            {
                problems.Add($"{needed}: required by {{password:dynamic}}");
            }
        }

        var headers = Templates(section.GetSection("Headers"), new Dictionary<string, string?>(), "Headers", values, problems);

        var successPattern = ReadRegex("SuccessPattern", Get("SuccessPattern"), problems);
        var successPointer = ReadPointer("SuccessJsonPointer", Get("SuccessJsonPointer"), problems);
        var successValue = Get("SuccessValue");
        if (successPattern is null && successPointer is null && !problems.Any(p => p.StartsWith("Success", StringComparison.Ordinal)))
        {
            problems.Add("SuccessPattern or SuccessJsonPointer: one is required, to tell an accepted message from a refused one");
        }

        if (successPattern is not null && successPointer is not null)
        {
            problems.Add("SuccessPattern and SuccessJsonPointer: give one, not both");
        }

        if (successPointer is not null && successValue is null)
        {
            problems.Add("SuccessValue: required with SuccessJsonPointer (the value that means accepted)");
        }

        var idPattern = ReadRegex("MessageIdPattern", Get("MessageIdPattern"), problems);
        if (idPattern is not null && idPattern.GetGroupNumbers().Length < 2)
        {
            problems.Add("MessageIdPattern: needs a capture group, (?<id>...) or (...), around the message id");
        }

        var idPointer = ReadPointer("MessageIdJsonPointer", Get("MessageIdJsonPointer"), problems);
        if (idPointer is not null && successPattern is not null)
        {
            problems.Add("MessageIdJsonPointer: needs a JSON answer (SuccessJsonPointer), not SuccessPattern");
        }

        var settings = new HttpChannelSettings
        {
            Url = uri ?? new Uri("http://invalid/"),
            Method = method,
            Body = body,
            Encoding = encoding,
            Charset = (Get("Encoding") ?? "utf-8").Trim().ToLowerInvariant(),
            Fields = fields,
            Headers = headers,
            Values = values,
            SuccessPattern = successPattern,
            SuccessJsonPointer = successPointer,
            SuccessValue = successValue,
            MessageIdPattern = idPattern,
            MessageIdJsonPointer = idPointer,
            TryLaterPattern = ReadRegex("TryLaterPattern", Get("TryLaterPattern"), problems),
            FaultPattern = ReadRegex("FaultPattern", Get("FaultPattern"), problems),
            TryLaterValues = List(Get("TryLaterValues")),
            FaultValues = List(Get("FaultValues")),
            Timeout = TimeSpan.FromSeconds(ReadInt("TimeoutSeconds", Get("TimeoutSeconds"), 10, 1, 300, problems)),
            MaxConcurrent = ReadInt("MaxConcurrent", Get("MaxConcurrent"), 10, 1, 1000, problems),
            MaxPerSecond = ReadInt("MaxPerSecond", Get("MaxPerSecond"), 0, 0, 100_000, problems),
            FailuresToOpen = ReadInt("FailuresToOpen", Get("FailuresToOpen"), 5, 1, 10_000, problems),
            OpenDuration = TimeSpan.FromSeconds(ReadInt("OpenSeconds", Get("OpenSeconds"), 30, 1, 86_400, problems)),
            Callbacks = HttpCallbackSettings.Read(Get, problems),
        };

        if (problems.Count > 0)
        {
            throw new ChannelSettingsException(channel, problems);
        }

        return settings;
    }

    /// <summary>
    /// True when these settings take receipts or replies (the Vendor preset does) but name neither a CallbackSecret nor
    /// CallbackAllowedAddresses: an admin's save gives such a channel a secret of its own.
    /// </summary>
    public static bool NeedsCallbackSecret(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var get = Getter(section, Preset(section, []));
        return HttpCallbackSettings.TakesCallbacks(get) && get(HttpCallbackSettings.SecretSetting) is null && get(HttpCallbackSettings.AllowedAddressesSetting) is null;
    }

    /// <summary>A setting as given, else the preset's.</summary>
    private static Func<string, string?> Getter(IConfiguration section, Dictionary<string, string?> preset) =>
        key => section[key] is { Length: > 0 } value ? value : preset.TryGetValue(key, out var fallback) ? fallback : null;

    /// <summary>
    /// The vendor's Submit (vendor-api.md) as settings. Its codes are sorted three ways: 2 accepted; codes that say the
    /// channel itself cannot send (IP, credentials, frozen account, no credits, dynamic password) are faults — try the
    /// message later and count towards opening the circuit, so routing skips the channel until it is fixed; 4080 (one
    /// SMS a second to a number) is try-later; everything else (number, content, signature, template, per-number daily
    /// limits, blacklist, 0) refuses this message for good.
    /// </summary>
    private static Dictionary<string, string?> Preset(IConfiguration section, List<string> problems)
    {
        var name = section["Preset"];
        if (string.IsNullOrWhiteSpace(name))
        {
            return new(StringComparer.OrdinalIgnoreCase);
        }

        if (!string.Equals(name, VendorPreset, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Preset: '{name}' is unknown (known: {VendorPreset})");
            return new(StringComparer.OrdinalIgnoreCase);
        }

        var baseUrl = section["BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            problems.Add("BaseUrl: required with Preset = Vendor (the vendor's or another SmsPortal's address, e.g. https://sms.example.com)");
        }

        foreach (var needed in new[] { "Account", "Password" }.Where(n => string.IsNullOrWhiteSpace(section[n])))
        {
            problems.Add($"{needed}: required with Preset = Vendor ({(needed == "Account" ? "the API ID" : "the API key")})");
        }

        var dynamic = false;
        if (section["UseDynamicPassword"] is { Length: > 0 } flag && !bool.TryParse(flag, out dynamic))
        {
            problems.Add($"UseDynamicPassword: '{flag}' is neither true nor false");
        }

        var preset = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Url"] = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.TrimEnd('/') + "/webservice/sms.php?method=Submit",
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
        IConfigurationSection section, Dictionary<string, string?> preset, string prefix, IReadOnlyDictionary<string, string> values, List<string> problems)
    {
        var merged = new List<(string Name, string Template, bool Explicit)>();
        foreach (var (key, value) in preset.Where(p => p.Key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase) && p.Value is not null))
        {
            merged.Add((key[(prefix.Length + 1)..], value!, false));
        }

        foreach (var child in section.GetChildren())
        {
            if (child.Value is null)
            {
                problems.Add($"{prefix}:{child.Key}: must be a text template, not a section");
                continue;
            }

            merged.RemoveAll(m => string.Equals(m.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            merged.Add((child.Key, child.Value, true));
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
                    problems.Add($"{prefix}:{name}: {problem}");
                }
            }
            else
            {
                templates.Add((name, template!));
            }
        }

        return templates;
    }

    private static Encoding ReadEncoding(string name, List<string> problems)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Problem<Encoding>(problems, $"Encoding: '{name}' is not an encoding this system knows (utf-8, gbk, gb18030, ...)");
        }
    }

    private static Regex? ReadRegex(string key, string? pattern, List<string> problems)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexBudget);
        }
        catch (ArgumentException exception)
        {
            problems.Add($"{key}: not a valid regular expression ({exception.Message})");
            return null;
        }
    }

    private static string? ReadPointer(string key, string? pointer, List<string> problems)
    {
        if (pointer is null)
        {
            return null;
        }

        if (!pointer.StartsWith('/'))
        {
            problems.Add($"{key}: '{pointer}' is not a JSON pointer (it starts with '/', e.g. /code)");
            return null;
        }

        return pointer;
    }

    private static int ReadInt(string key, string? text, int fallback, int min, int max, List<string> problems)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{key}: '{text}' is not a whole number from {min} to {max}");
        return fallback;
    }

    private static HashSet<string> List(string? text) =>
        new((text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    private static T Problem<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default!;
    }
}

/// <summary>
/// How the provider reports back to SmsPortal's /channels/{name}/receipt and /reply, and how a callback proves it comes
/// from the provider: the CallbackSecret (as <c>?token=</c> or an HMAC signature), the caller's address in
/// CallbackAllowedAddresses, or both (then both must hold). A channel that takes callbacks must have one of them.
/// </summary>
internal sealed record HttpCallbackSettings(
    string? Secret,
    IReadOnlyList<System.Net.IPNetwork> AllowedAddresses,
    string? ReceiptIdField,
    string? ReceiptStatusField,
    IReadOnlySet<string> DeliveredValues,
    IReadOnlySet<string> UndeliveredValues,
    string? ReplyFromField,
    string? ReplyToField,
    string? ReplyTextField,
    string? ReplyTimeField,
    string? ReplyMessageIdField,
    string Answer)
{
    public const string SecretSetting = "CallbackSecret";
    public const string AllowedAddressesSetting = "CallbackAllowedAddresses";

    public static bool TakesCallbacks(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        return get("ReceiptIdField") is not null || get("ReplyFromField") is not null;
    }

    public static HttpCallbackSettings Read(Func<string, string?> get, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(problems);
        var receiptId = get("ReceiptIdField");
        var receiptStatus = get("ReceiptStatusField");
        var delivered = Values(get("DeliveredValue"));
        if ((receiptId is null) != (receiptStatus is null) || (receiptStatus is not null && delivered.Count == 0))
        {
            problems.Add("ReceiptIdField, ReceiptStatusField, DeliveredValue: receipts need all three (or none)");
        }

        var from = get("ReplyFromField");
        var text = get("ReplyTextField");
        if ((from is null) != (text is null))
        {
            problems.Add("ReplyFromField, ReplyTextField: replies need both (or neither)");
        }

        var addresses = new List<System.Net.IPNetwork>();
        foreach (var entry in AddressRanges.Split(get(AllowedAddressesSetting)))
        {
            if (AddressRanges.TryParse(entry, out var range))
            {
                addresses.Add(range);
            }
            else
            {
                problems.Add($"{AllowedAddressesSetting}: '{entry}' is not an address or CIDR range (e.g. 203.0.113.7, 203.0.113.0/24)");
            }
        }

        var secret = get(SecretSetting);
        if (TakesCallbacks(get) && secret is null && get(AllowedAddressesSetting) is null)
        {
            problems.Add($"{SecretSetting} or {AllowedAddressesSetting}: a channel that takes receipts or replies needs a secret the provider sends (?token= or a signature) or the provider's addresses; without either anyone could post receipts and replies to it");
        }

        return new HttpCallbackSettings(
            secret, addresses, receiptId, receiptStatus, delivered, Values(get("UndeliveredValue")),
            from, get("ReplyToField"), text, get("ReplyTimeField"), get("ReplyMessageIdField"), get("CallbackAnswer") ?? "success");
    }

    private static HashSet<string> Values(string? text) =>
        new((text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
