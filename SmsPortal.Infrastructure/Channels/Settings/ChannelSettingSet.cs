namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>
/// Every setting one channel type (or the SMPP server, or the routes declared beside a channel) takes, in the order
/// the form and the README show them. A setting it does not declare is treated as a secret: masked and encrypted.
/// </summary>
public sealed class ChannelSettingSet
{
    private readonly Dictionary<string, ChannelSetting> _byName;

    public ChannelSettingSet(string section, IEnumerable<ChannelSetting> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Section = section;
        Settings = settings.Select(s => s with { HelpKey = $"{section}.{s.Name}" }).ToList();
        _byName = Settings.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The type ("Smpp") or area ("SmppServer", "Route") the help keys start with.</summary>
    public string Section { get; }

    public IReadOnlyList<ChannelSetting> Settings { get; }

    /// <summary>The declared setting of that name (case ignored), or null.</summary>
    public ChannelSetting? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The setting by name; a name not declared is a mistake in the code that reads it.</summary>
    public ChannelSetting this[string name] => _byName.TryGetValue(name, out var setting) ? setting : throw new KeyNotFoundException($"{Section} declares no setting '{name}'.");

    /// <summary>
    /// Whether the value at this path ("Password", "Headers:Authorization") is a secret: by the declaration of its
    /// first part; an undeclared one is.
    /// </summary>
    public bool IsSecret(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var first = path.Split(':', 2)[0];
        return Find(first) is not { } setting || setting.IsSecret;
    }
}
