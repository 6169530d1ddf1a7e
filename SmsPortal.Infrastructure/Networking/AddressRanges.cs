using System.Net;
using System.Net.Sockets;

namespace SmsPortal.Infrastructure.Networking;

/// <summary>
/// Address lists as settings write them ("10.0.0.0/8, 203.0.113.7, 2001:db8::/32") and the ranges no outbound call
/// of a customer's choosing may reach: loopback, private, link-local, CGNAT, multicast, unspecified, broadcast and
/// reserved, also when written as IPv4-mapped IPv6.
/// </summary>
public static class AddressRanges
{
    private static readonly System.Net.IPNetwork[] Internal =
    [
        Range("0.0.0.0/8"), Range("10.0.0.0/8"), Range("100.64.0.0/10"), Range("127.0.0.0/8"), Range("169.254.0.0/16"),
        Range("172.16.0.0/12"), Range("192.0.0.0/24"), Range("192.168.0.0/16"), Range("198.18.0.0/15"), Range("224.0.0.0/4"), Range("240.0.0.0/4"),
        Range("::/128"), Range("::1/128"), Range("fc00::/7"), Range("fe80::/10"), Range("fec0::/10"), Range("ff00::/8"),
    ];

    /// <summary>True for an address inside the network or not meant for unicast to the internet.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = Plain(address);
        return Internal.Any(r => r.BaseAddress.AddressFamily == plain.AddressFamily && r.Contains(plain));
    }

    /// <summary>The address as it is compared: an IPv4-mapped IPv6 address as IPv4.</summary>
    public static IPAddress Plain(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>Whether any of the ranges holds the address (IPv4-mapped IPv6 compared as IPv4).</summary>
    public static bool Contains(IEnumerable<System.Net.IPNetwork> ranges, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var plain = Plain(address);
        return ranges.Any(r => r.BaseAddress.AddressFamily == plain.AddressFamily && r.Contains(plain));
    }

    /// <summary>One address or CIDR range ("192.0.2.7", "10.0.0.0/8", "::1"); false when it is neither.</summary>
    public static bool TryParse(string? text, out System.Net.IPNetwork range)
    {
        range = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (SmsPortal.Domain.Accounts.AccountSettingsRules.NormalizeAddress(slash < 0 ? trimmed : trimmed[..slash]) is not { } normal)
        {
            return false;
        }

        var address = IPAddress.Parse(normal);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(trimmed[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }

        // A range written with host bits set ("10.0.0.1/8") means the range that holds it.
        range = new System.Net.IPNetwork(Mask(address, prefix), prefix);
        return true;
    }

    /// <summary>Splits a list at commas, semicolons and white space.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    private static System.Net.IPNetwork Range(string text) => System.Net.IPNetwork.Parse(text);
}
