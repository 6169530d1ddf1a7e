namespace SmsPortal.Infrastructure;

/// <summary>A setting is missing or wrong; the message names the setting so the installer can fix it.</summary>
public sealed class ConfigurationException(string setting, string problem)
    : Exception($"Configuration error in '{setting}': {problem}")
{
    public string Setting { get; } = setting;
}
