using System.Globalization;

namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>
/// One setting as its channel type declares it, once: the reader checks by it, the admin form draws a field from it,
/// masking asks it whether the value is a secret and the README's settings table is written from it. The label and
/// help text are found by <see cref="HelpKey"/> in the admin pages' resources (en and zh-CN).
/// </summary>
public sealed record ChannelSetting(string Name, ChannelSettingKind Kind)
{
    /// <summary>The value used when the setting is not given, as it would be written; null: none.</summary>
    public string? Default { get; init; }

    /// <summary>The default of a <see cref="ChannelSettingKind.Number"/> (0 when it has none).</summary>
    public int DefaultNumber => int.Parse(Default ?? "0", CultureInfo.InvariantCulture);

    /// <summary>Smallest allowed value of a <see cref="ChannelSettingKind.Number"/>.</summary>
    public long Min { get; init; }

    /// <summary>Largest allowed value of a <see cref="ChannelSettingKind.Number"/>.</summary>
    public long Max { get; init; } = int.MaxValue;

    /// <summary>The words a <see cref="ChannelSettingKind.Choice"/> takes (compared ignoring case).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Longest text allowed; 0: no limit beyond the settings' own.</summary>
    public int MaxLength { get; init; }

    /// <summary>Text must be printable ASCII (what an SMPP C-octet string can carry).</summary>
    public bool Ascii { get; init; }

    /// <summary>A channel cannot work without it.</summary>
    public bool Required { get; init; }

    /// <summary>Whether the value must be stored encrypted and shown masked; every <see cref="ChannelSettingKind.Secret"/> is.</summary>
    public bool IsSecret => Kind == ChannelSettingKind.Secret || SecretValues;

    /// <summary>The values of this setting (all entries of a map) are secrets although it is not of the secret kind.</summary>
    public bool SecretValues { get; init; }

    /// <summary>The key of its label and help text, "&lt;section&gt;.&lt;name&gt;".</summary>
    public string HelpKey { get; init; } = "";

    public static ChannelSetting Number(string name, int fallback, long min, long max) =>
        new(name, ChannelSettingKind.Number) { Default = fallback.ToString(CultureInfo.InvariantCulture), Min = min, Max = max };

    public static ChannelSetting Choice<T>(string name, T? fallback) where T : struct, Enum =>
        new(name, ChannelSettingKind.Choice) { Default = fallback?.ToString(), Choices = Enum.GetNames<T>() };

    public static ChannelSetting Flag(string name, bool fallback) =>
        new(name, ChannelSettingKind.Flag) { Default = fallback ? "true" : "false" };

    public static ChannelSetting Text(string name, string? fallback = null) => new(name, ChannelSettingKind.Text) { Default = fallback };

    public static ChannelSetting Secret(string name) => new(name, ChannelSettingKind.Secret);

    public static ChannelSetting List(string name, string? fallback = null) => new(name, ChannelSettingKind.List) { Default = fallback };

    public static ChannelSetting Map(string name) => new(name, ChannelSettingKind.Map);

    /// <summary>What the README and the form say about its allowed values ("1–65535", "Transceiver, TxRx").</summary>
    public string Allowed => Kind switch
    {
        ChannelSettingKind.Number => string.Create(CultureInfo.InvariantCulture, $"{Min}–{Max}"),
        ChannelSettingKind.Choice => string.Join(", ", Choices),
        ChannelSettingKind.Flag => "true, false",
        _ when MaxLength > 0 => string.Create(CultureInfo.InvariantCulture, $"≤ {MaxLength} characters"),
        _ => "",
    };
}
