using Microsoft.Extensions.Options;
using SmsPortal.Domain.Abuse;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Abuse;

/// <summary>
/// Section "Abuse": the velocity limits every send passes (per number, client address, account and number range, each a
/// count in a window of seconds, 0 for no limit) and the SMS-pumping rule for Verify codes. Velocity is counted per node,
/// in memory, in fixed windows; range blocks are stored and hold on every node.
/// </summary>
public sealed class AbuseOptions
{
    public const string Section = "Abuse";

    /// <summary>Sends to one number from all accounts (a bomber hitting one victim through many accounts).</summary>
    public VelocityLimit PerNumber { get; set; } = new() { Limit = 30, WindowSeconds = 3600 };

    // The three below are off unless set: a customer's bulk campaign comes from one server address, one account and
    // often a list sorted by number, at thousands a second, and must not be refused by default. The doors' RateLimits
    // already bound each address and account per second; these are for longer windows an operator chooses.

    /// <summary>Sends from one client address (the caller of the API doors; the console and the SMPP door count too). Off by default.</summary>
    public VelocityLimit PerAddress { get; set; } = new() { Limit = 0, WindowSeconds = 60 };

    /// <summary>Sends from one account. Off by default.</summary>
    public VelocityLimit PerAccount { get; set; } = new() { Limit = 0, WindowSeconds = 60 };

    /// <summary>Sends from one account into one number range (RangeHiddenDigits wide). Off by default; Verify codes into a range are held by the pumping rule.</summary>
    public VelocityLimit PerRange { get; set; } = new() { Limit = 0, WindowSeconds = 600 };

    /// <summary>The digits a range hides: 4 makes ranges of 10 000 numbers.</summary>
    public int RangeHiddenDigits { get; set; } = 4;

    /// <summary>
    /// New Verify codes from one account into one range in PumpingWindowSeconds that make it SMS pumping: the code past this
    /// count is refused, the range is blocked for the account and its owners are alerted. 0 turns the rule off.
    /// </summary>
    public int PumpingThreshold { get; set; } = 30;

    public int PumpingWindowSeconds { get; set; } = 600;

    /// <summary>How long a range block lasts unless the owner lifts it first.</summary>
    public int BlockHours { get; set; } = 24;

    /// <summary>How often a node re-reads the stored range blocks (blocks made on this node count at once).</summary>
    public int BlockRefreshSeconds { get; set; } = 10;

    /// <summary>
    /// The countries beside the mainland that every account without a list of its own may send to: calling codes,
    /// comma-separated ("852,853"). Empty (the default): the mainland only. The mainland is always allowed, listed or not.
    /// </summary>
    public string AllowedCountries { get; set; } = "";

    /// <summary><see cref="AllowedCountries"/> as codes.</summary>
    public IReadOnlyList<string> PlatformCountries => CountryAllowList.Split(AllowedCountries);

    /// <summary>Numbers, addresses, accounts and ranges a node keeps counts for at most (stale ones are dropped first).</summary>
    public int MaxTracked { get; set; } = 200_000;

    public IEnumerable<string> Problems()
    {
        foreach (var (name, limit) in new[] { ("PerNumber", PerNumber), ("PerAddress", PerAddress), ("PerAccount", PerAccount), ("PerRange", PerRange) })
        {
            if (limit.Limit < 0 || limit.WindowSeconds is < 1 or > 86_400)
            {
                yield return $"Abuse:{name}:Limit must be 0 (no limit) or more and Abuse:{name}:WindowSeconds between 1 and 86400.";
            }
        }

        if (RangeHiddenDigits is < NumberRange.MinHiddenDigits or > NumberRange.MaxHiddenDigits)
        {
            yield return $"Abuse:RangeHiddenDigits must be between {NumberRange.MinHiddenDigits} and {NumberRange.MaxHiddenDigits}.";
        }

        if (PumpingThreshold < 0 || PumpingWindowSeconds is < 1 or > 86_400)
        {
            yield return "Abuse:PumpingThreshold must be 0 (off) or more and Abuse:PumpingWindowSeconds between 1 and 86400.";
        }

        if (BlockHours is < 1 or > 24 * 90 || BlockRefreshSeconds is < 1 or > 600)
        {
            yield return "Abuse:BlockHours must be between 1 and 2160 and Abuse:BlockRefreshSeconds between 1 and 600.";
        }

        if (CountryAllowList.FirstUnknown(PlatformCountries) is { } unknown)
        {
            yield return $"Abuse:AllowedCountries: '{unknown}' is not a country calling code.";
        }

        if (MaxTracked is < 100 or > 10_000_000)
        {
            yield return "Abuse:MaxTracked must be between 100 and 10000000.";
        }
    }
}

internal sealed class AbuseOptionsValidator : IValidateOptions<AbuseOptions>
{
    public ValidateOptionsResult Validate(string? name, AbuseOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
