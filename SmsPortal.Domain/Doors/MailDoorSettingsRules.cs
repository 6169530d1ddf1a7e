namespace SmsPortal.Domain.Doors;

/// <summary>What the console may store as an account's mail door settings.</summary>
public static class MailDoorSettingsRules
{
    public const int MaxSenders = 20;

    public const int MaxAddressLength = 254;

    /// <summary>
    /// The allowed sender addresses from what a person typed (one a line, or separated by commas or blanks):
    /// lower-cased, without repeats; the first address that is not one is returned as the problem.
    /// </summary>
    public static (IReadOnlyList<string> Senders, string? NotAnAddress, bool TooMany) ParseSenders(string? text)
    {
        var senders = new List<string>();
        foreach (var part in (text ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var address = part.Trim().ToLowerInvariant();
            if (!IsAddress(address))
            {
                return ([], part, false);
            }

            if (!senders.Contains(address))
            {
                senders.Add(address);
            }
        }

        return senders.Count > MaxSenders ? ([], null, true) : (senders, null, false);
    }

    /// <summary>A plain mailbox address: one @, a local part and a dotted domain, no blanks or brackets.</summary>
    public static bool IsAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return address.Length <= MaxAddressLength
            && at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1
            && address.IndexOf('.', at) > at + 1 && !address.EndsWith('.')
            && address.All(c => c > ' ' && c < 127 && c is not ('<' or '>' or '(' or ')' or '[' or ']' or '\\' or '"' or ',' or ';' or ':'));
    }

    /// <summary>The stored form: one address a line.</summary>
    public static string? Store(IReadOnlyList<string> senders) => senders.Count == 0 ? null : string.Join('\n', senders);

    public static IReadOnlyList<string> Read(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
