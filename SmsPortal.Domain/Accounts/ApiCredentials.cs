using System.Security.Cryptography;

namespace SmsPortal.Domain.Accounts;

/// <summary>Makes and checks the shapes of API IDs and API keys.</summary>
public static class ApiCredentials
{
    public const int KeyLength = 32;
    public const int HintLength = 4;

    /// <summary>API IDs look like the vendor's: a capital C followed by eight digits.</summary>
    public static string NewApiId() => "C" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>32 lower-case hex characters, 128 bits of randomness.</summary>
    public static string NewApiKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyLength / 2));

    public static bool IsValidApiId(string? value) =>
        value is { Length: >= 4 and <= 32 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A key a person chose (for the demo account) must still be long and plain enough to be a secret.</summary>
    public static bool IsValidApiKey(string? value) =>
        value is { Length: >= 16 and <= 64 } && value.All(char.IsAsciiLetterOrDigit);

    public static string HintOf(string key) => key[^HintLength..];

    public static bool KeysEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
