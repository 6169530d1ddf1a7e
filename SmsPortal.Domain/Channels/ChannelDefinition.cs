namespace SmsPortal.Domain.Channels;

/// <summary>
/// A channel an admin saved on the channels page. Channels declared in configuration
/// (<c>Channels:&lt;name&gt;:Type</c>) are not stored: they are read at start and shown read-only.
/// </summary>
public sealed class ChannelDefinition
{
    public const int NameMaxLength = 40;

    public int Id { get; set; }

    /// <summary>Letters, digits, '-' and '_'; unique over stored and configured channels.</summary>
    public required string Name { get; set; }

    /// <summary>Smpp, Http, Modem or Simulator.</summary>
    public required string Type { get; set; }

    /// <summary>The type's settings as a JSON object (the same keys as under <c>Channels:&lt;name&gt;</c> in configuration).</summary>
    public required string SettingsJson { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= NameMaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
