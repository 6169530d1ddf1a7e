using System.Globalization;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Verify;

/// <summary>What a customer chooses for a Verify service, checked by <see cref="Check"/> before it is stored.</summary>
public sealed record VerifySettings(
    string Name,
    int CodeLength,
    CodeAlphabet Alphabet,
    int LifetimeMinutes,
    int? TemplateId,
    int MaxAttempts,
    int MinGapSeconds,
    IReadOnlyList<string> AllowedCountries,
    int? VoiceFallbackSeconds = null)
{
    public const int MinCodeLength = 4;
    public const int MaxCodeLength = 10;
    public const int DefaultCodeLength = 6;
    public const int MinLifetimeMinutes = 1;
    public const int MaxLifetimeMinutes = 30;
    public const int DefaultLifetimeMinutes = 10;
    public const int MinAttempts = 1;
    public const int MaxAttemptsAllowed = 10;
    public const int DefaultMaxAttempts = 5;

    /// <summary>The vendor's rule against SMS bombers: at least 60 s between codes to one number.</summary>
    public const int MinGap = 60;
    public const int MaxGap = 3600;
    public const int DefaultMinGapSeconds = 60;

    /// <summary>A fallback call comes 5 s to 10 min after an SMS that has not been delivered; unset: no fallback.</summary>
    public const int MinVoiceFallback = 5;
    public const int MaxVoiceFallback = 600;

    /// <summary>The daily spend cap: codes a service may send a day (each one an SMS charged to the account).</summary>
    public const int MinDailyCap = 1;
    public const int MaxDailyCap = 1_000_000;
    public const int DefaultDailyCap = 1000;

    /// <summary>Codes (sends and re-sends) the service may send in one platform day; past it a start is refused and costs nothing.</summary>
    public int DailyCap { get; init; } = DefaultDailyCap;

    public static VerifySettings Defaults(string name) =>
        new(name, DefaultCodeLength, CodeAlphabet.Digits, DefaultLifetimeMinutes, null, DefaultMaxAttempts, DefaultMinGapSeconds, []);

    /// <summary>The first rule these settings break, as a sentence naming the field; null when they keep them all.</summary>
    public string? Check()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > VerifyService.NameMaxLength)
        {
            return $"name must be 1 to {VerifyService.NameMaxLength} characters.";
        }

        if (CodeLength is < MinCodeLength or > MaxCodeLength)
        {
            return $"codeLength must be {MinCodeLength} to {MaxCodeLength}.";
        }

        if (!Enum.IsDefined(Alphabet))
        {
            return "alphabet must be digits, letters or mixed.";
        }

        if (LifetimeMinutes is < MinLifetimeMinutes or > MaxLifetimeMinutes)
        {
            return $"lifetimeMinutes must be {MinLifetimeMinutes} to {MaxLifetimeMinutes}.";
        }

        if (MaxAttempts is < MinAttempts or > MaxAttemptsAllowed)
        {
            return $"maxAttempts must be {MinAttempts} to {MaxAttemptsAllowed}.";
        }

        if (MinGapSeconds is < MinGap or > MaxGap)
        {
            return $"minGapSeconds must be {MinGap} to {MaxGap}.";
        }

        if (VoiceFallbackSeconds is < MinVoiceFallback or > MaxVoiceFallback)
        {
            return $"voiceFallbackSeconds must be {MinVoiceFallback} to {MaxVoiceFallback}, or unset for no call.";
        }

        if (DailyCap is < MinDailyCap or > MaxDailyCap)
        {
            return $"dailyCap must be {MinDailyCap} to {MaxDailyCap}.";
        }

        var unknown = CountryAllowList.FirstUnknown(AllowedCountries);
        return unknown is null ? null : $"allowedCountries: {unknown} is not a country calling code.";
    }

    /// <summary>"86, +852" → ["86", "852"]: calling codes as customers write them, without plus signs or blanks, once each.</summary>
    public static IReadOnlyList<string> SplitCountries(string? text) => CountryAllowList.Split(text);

    public static string JoinCountries(IEnumerable<string> countries) => CountryAllowList.Join(countries);

    /// <summary>An alphabet by the name the APIs use: digits, letters, mixed (any case); null for anything else.</summary>
    public static CodeAlphabet? ParseAlphabet(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "digits" or "numeric" => CodeAlphabet.Digits,
        "letters" or "alpha" => CodeAlphabet.Letters,
        "mixed" or "alphanumeric" => CodeAlphabet.Mixed,
        _ => null,
    };

    public static string NameOf(CodeAlphabet alphabet) => alphabet.ToString().ToLower(CultureInfo.InvariantCulture);
}
