using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>
/// Reads settings by their declaration and collects every problem, each worded
/// "<c>&lt;full setting name&gt;: &lt;problem&gt;</c>" (e.g. <c>Channels:upstream:Port: 'x' is not a whole number
/// from 1 to 65535</c>). A wrong value reads as its default, so one read finds all problems; the caller throws at
/// the end with <see cref="ThrowIfAnyFor"/> or <see cref="ThrowIfAnyInConfiguration"/>.
/// </summary>
public sealed class ChannelSettingsReader
{
    private readonly Func<string, string?> _get;
    private readonly IConfiguration? _section;
    private readonly List<string> _problems = [];
    private string? _firstName;

    /// <param name="prefix">What goes before a setting's name to make its full name ("Channels:upstream:", "Smpp:").</param>
    /// <param name="section">The settings.</param>
    public ChannelSettingsReader(string prefix, IConfiguration section)
        : this(prefix, key => section[key], section)
    {
    }

    /// <param name="prefix">What goes before a setting's name to make its full name.</param>
    /// <param name="get">A setting's text by name (null when not given).</param>
    /// <param name="section">Where the entries of lists and maps are read from, when they are sections.</param>
    public ChannelSettingsReader(string prefix, Func<string, string?> get, IConfiguration? section = null)
    {
        Prefix = prefix;
        _get = get;
        _section = section;
    }

    /// <summary>The prefix of a channel's settings: <c>Channels:&lt;name&gt;:</c>.</summary>
    public static string ChannelPrefix(string channel) => $"{ChannelRegistry.Section}:{channel}:";

    public string Prefix { get; }

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The setting's text as given; null when it is missing or blank.</summary>
    public string? Raw(string name) => _get(name) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>Records a problem of a setting (or of several: "SuccessPattern and SuccessJsonPointer").</summary>
    public void Problem(string name, string problem)
    {
        _firstName ??= Prefix + name;
        _problems.Add($"{Prefix}{name}: {problem}");
    }

    public string Text(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var value = _get(setting.Name) ?? setting.Default ?? "";
        if (setting.Required && string.IsNullOrWhiteSpace(value))
        {
            Problem(setting.Name, "is required");
        }
        else if (setting.Ascii && value.Any(c => c is > '\u007E' or < ' '))
        {
            Problem(setting.Name, "must be printable ASCII");
        }
        else if (setting.MaxLength > 0 && value.Length > setting.MaxLength)
        {
            Problem(setting.Name, string.Create(CultureInfo.InvariantCulture, $"is longer than {setting.MaxLength} characters"));
        }

        return value;
    }

    /// <summary>The text, or null when not given and without a default.</summary>
    public string? OptionalText(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Raw(setting.Name) is null && setting.Default is null ? null : Text(setting);
    }

    public int Number(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return OptionalNumber(setting) ?? setting.DefaultNumber;
    }

    /// <summary>The number, or null when it is not given (or wrong, which is recorded).</summary>
    public int? OptionalNumber(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (Raw(setting.Name) is not { } raw)
        {
            return null;
        }

        if (int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= setting.Min && value <= setting.Max)
        {
            return value;
        }

        Problem(setting.Name, string.Create(CultureInfo.InvariantCulture, $"'{raw}' is not a whole number from {setting.Min} to {setting.Max}"));
        return null;
    }

    public T Choice<T>(ChannelSetting setting) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(setting);
        return OptionalChoice<T>(setting) ?? Enum.Parse<T>(setting.Default ?? throw new InvalidOperationException($"{setting.Name} has no default."), ignoreCase: true);
    }

    /// <summary>The word, or null when it is not given (or wrong, which is recorded).</summary>
    public T? OptionalChoice<T>(ChannelSetting setting) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Word(setting) is { } word ? Enum.Parse<T>(word, ignoreCase: true) : null;
    }

    /// <summary>One of the declared words as declared, or the default (null when none).</summary>
    public string? Word(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (Raw(setting.Name) is not { } raw)
        {
            return setting.Default;
        }

        if (setting.Choices.FirstOrDefault(c => string.Equals(c, raw.Trim(), StringComparison.OrdinalIgnoreCase)) is { } word)
        {
            return word;
        }

        Problem(setting.Name, $"'{raw}' is not one of {string.Join(", ", setting.Choices)}");
        return null;
    }

    public bool Flag(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var fallback = bool.Parse(setting.Default ?? "false");
        if (Raw(setting.Name) is not { } raw)
        {
            return fallback;
        }

        if (bool.TryParse(raw.Trim(), out var value))
        {
            return value;
        }

        Problem(setting.Name, $"'{raw}' is not true or false");
        return fallback;
    }

    /// <summary>The entries: a JSON array (children 0, 1, …) or one text split at commas (and semicolons); never null.</summary>
    public IReadOnlyList<string> List(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var children = _section?.GetSection(setting.Name).GetChildren().Select(c => c.Value ?? "").ToList() ?? [];
        if (children.Count > 0)
        {
            return children;
        }

        return (Raw(setting.Name) ?? setting.Default ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The named entries under a map setting; an entry that is itself a section is a problem.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Map(ChannelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var child in _section?.GetSection(setting.Name).GetChildren() ?? [])
        {
            if (child.Value is null)
            {
                Problem($"{setting.Name}:{child.Key}", "must be a text, not a section");
                continue;
            }

            entries.Add(new(child.Key, child.Value));
        }

        return entries;
    }

    /// <summary>Throws <see cref="ChannelSettingsException"/> with every problem of this channel, if any.</summary>
    public void ThrowIfAnyFor(string channel)
    {
        if (_problems.Count > 0)
        {
            throw new ChannelSettingsException(channel, _problems);
        }
    }

    /// <summary>
    /// Throws <see cref="ConfigurationException"/> naming the first wrong setting as its <see cref="ConfigurationException.Setting"/>
    /// and every problem in its message, if any (settings read at start, which stop the start).
    /// </summary>
    public void ThrowIfAnyInConfiguration()
    {
        if (_problems.Count > 0)
        {
            throw new ConfigurationException(_firstName!, string.Join("; ", _problems));
        }
    }
}
