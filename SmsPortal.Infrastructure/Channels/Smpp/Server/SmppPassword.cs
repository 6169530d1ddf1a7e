using System.Security.Cryptography;
using System.Text;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// The passwords a bind may carry for an API key: the key itself (node-smpp, most clients), or the key's 8-character
/// SMPP password for clients that keep to SMPP 3.4's 9-octet password field and cut the key short (Kannel 1.4.5 sends
/// only the first 8 characters). The short one is derived from the key (HMAC), so it changes when the key rotates
/// and reveals nothing of it; the console shows it beside the key.
/// </summary>
public static class SmppPassword
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public const int ShortLength = 8;

    /// <summary>The 8-character SMPP password of an API key.</summary>
    public static string ShortFor(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), "SmsPortal SMPP password"u8);
        var password = new char[ShortLength];
        for (var i = 0; i < ShortLength; i++)
        {
            password[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return new string(password);
    }

    /// <summary>True when the bind's password is one of the keys, or a key's short SMPP password (compared in fixed time).</summary>
    public static bool Matches(string password, IEnumerable<string> apiKeys)
    {
        ArgumentNullException.ThrowIfNull(apiKeys);
        var given = Encoding.UTF8.GetBytes(password ?? "");
        var matched = false;
        foreach (var key in apiKeys)
        {
            matched |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(key));
            matched |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(ShortFor(key)));
        }

        return matched;
    }
}
