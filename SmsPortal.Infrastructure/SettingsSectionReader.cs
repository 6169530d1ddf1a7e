using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace SmsPortal.Infrastructure;

/// <summary>
/// Reads the numbers and addresses of one configuration section for an options class that checks itself at start,
/// collecting every wrong setting (its full name and what is wrong) instead of stopping at the first.
/// </summary>
internal sealed class SettingsSectionReader(IConfiguration section, string sectionName)
{
    public List<(string Setting, string Problem)> Problems { get; } = [];

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; unset gives the fallback (null when optional).</summary>
    public int? Int(string key, int fallback, int min, int max, bool optional = false)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return optional ? null : fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problems.Add(($"{sectionName}:{key}", $"'{text}' is not a whole number from {min} to {max}."));
            return optional ? null : fallback;
        }

        return value;
    }

    /// <summary>An IP address to listen on; unset gives every IPv4 and IPv6 address.</summary>
    public IPAddress ListenAddress(string key)
    {
        if (section[key] is { Length: > 0 } text && !IPAddress.TryParse(text.Trim(), out var address))
        {
            Problems.Add(($"{sectionName}:{key}", $"'{text}' is not an IP address (use 0.0.0.0, :: or 127.0.0.1)."));
            return IPAddress.IPv6Any;
        }

        return section[key] is { Length: > 0 } given ? IPAddress.Parse(given.Trim()) : IPAddress.IPv6Any;
    }

    public void Add(string key, string problem) => Problems.Add(($"{sectionName}:{key}", problem));

    /// <summary>Throws <see cref="ConfigurationException"/> naming every problem (the first as its setting), if there is one.</summary>
    public void ThrowIfAny()
    {
        if (Problems.Count > 0)
        {
            var (setting, problem) = Problems[0];
            throw new ConfigurationException(setting, string.Join(" ", [problem, .. Problems.Skip(1).Select(p => $"Also '{p.Setting}': {p.Problem}")]));
        }
    }
}
