namespace SmsPortal.Domain.Verify;

/// <summary>
/// An account's verification-code service: how its codes look, how long they live, how often they may be checked
/// and sent, the template they go out under and the countries they may go to.
/// </summary>
public sealed class VerifyService
{
    public const int NameMaxLength = 64;

    public int Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The public id: "VA" and 32 hex digits, as Twilio's service sids look.</summary>
    public required string Sid { get; set; }

    public required string Name { get; set; }

    public int CodeLength { get; set; } = VerifySettings.DefaultCodeLength;

    public CodeAlphabet Alphabet { get; set; }

    public int LifetimeMinutes { get; set; } = VerifySettings.DefaultLifetimeMinutes;

    /// <summary>An approved template of the account with one variable; null for the platform's default (id 1).</summary>
    public int? TemplateId { get; set; }

    public int MaxAttempts { get; set; } = VerifySettings.DefaultMaxAttempts;

    public int MinGapSeconds { get; set; } = VerifySettings.DefaultMinGapSeconds;

    /// <summary>Calling codes ("86,852") codes may be sent to; empty for any.</summary>
    public string AllowedCountries { get; set; } = "";

    /// <summary>Seconds after which a code whose SMS is not delivered is also called out by voice; null for never.</summary>
    public int? VoiceFallbackSeconds { get; set; }

    /// <summary>Codes the service may send a platform day (its spend cap).</summary>
    public int DailyCap { get; set; } = VerifySettings.DefaultDailyCap;

    /// <summary>The platform day (days since the epoch, in the platform's day offset) <see cref="SentToday"/> counts.</summary>
    public int SpendDay { get; set; }

    /// <summary>Codes sent on <see cref="SpendDay"/>, taken before each send and given back when it is refused.</summary>
    public int SentToday { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> AllowedCountryList => VerifySettings.SplitCountries(AllowedCountries);

    public VerifySettings Settings => new(Name, CodeLength, Alphabet, LifetimeMinutes, TemplateId, MaxAttempts, MinGapSeconds, AllowedCountryList, VoiceFallbackSeconds) { DailyCap = DailyCap };
}
