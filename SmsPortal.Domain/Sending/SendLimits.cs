namespace SmsPortal.Domain.Sending;

/// <summary>
/// Every limit of the sending rules in one place. The defaults are the vendor's; the platform sets its own,
/// and an account can only tighten them (<see cref="TightenedBy"/>). Counts are of messages (submissions),
/// not of billed parts.
/// </summary>
public sealed record SendLimits
{
    public static SendLimits VendorDefaults { get; } = new();

    /// <summary>Characters (Unicode code points) of the body, signature not included: 4073 above it.</summary>
    public int MaxContentLength { get; init; } = 300;

    /// <summary>Characters of one template variable's value: 40722 above it.</summary>
    public int MaxVariableLength { get; init; } = 8;

    /// <summary>Messages to one number within one second: 4080 above it.</summary>
    public int MaxPerNumberPerSecond { get; init; } = 1;

    /// <summary>Messages to one number within one day: 4082 above it.</summary>
    public int MaxPerNumberPerDay { get; init; } = 5;

    /// <summary>Verification-code messages to one number within one day: 4085 above it.</summary>
    public int MaxVerificationCodesPerNumberPerDay { get; init; } = 5;

    /// <summary>Messages with the same final text to one number within one minute: answered 4080.</summary>
    public int MaxIdenticalPerNumberPerMinute { get; init; } = 2;

    /// <summary>Messages with the same final text to one number within one day: answered 4082 showing this limit.</summary>
    public int MaxIdenticalPerNumberPerDay { get; init; } = 20;

    /// <summary>The over-limit rejections of one number that put it on the blacklist (408).</summary>
    public int OverLimitSendsBeforeBlacklist { get; init; } = 20;

    /// <summary>Messages one account may have accepted in one day; null for no cap (the vendor has none by default).</summary>
    public int? MaxPerAccountPerDay { get; init; }

    /// <summary>
    /// The stricter of this and <paramref name="other"/>, limit by limit: how an account's own settings apply on
    /// top of the platform's, so an account can tighten but never loosen.
    /// </summary>
    public SendLimits TightenedBy(SendLimits other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new SendLimits
        {
            MaxContentLength = Math.Min(MaxContentLength, other.MaxContentLength),
            MaxVariableLength = Math.Min(MaxVariableLength, other.MaxVariableLength),
            MaxPerNumberPerSecond = Math.Min(MaxPerNumberPerSecond, other.MaxPerNumberPerSecond),
            MaxPerNumberPerDay = Math.Min(MaxPerNumberPerDay, other.MaxPerNumberPerDay),
            MaxVerificationCodesPerNumberPerDay = Math.Min(MaxVerificationCodesPerNumberPerDay, other.MaxVerificationCodesPerNumberPerDay),
            MaxIdenticalPerNumberPerMinute = Math.Min(MaxIdenticalPerNumberPerMinute, other.MaxIdenticalPerNumberPerMinute),
            MaxIdenticalPerNumberPerDay = Math.Min(MaxIdenticalPerNumberPerDay, other.MaxIdenticalPerNumberPerDay),
            OverLimitSendsBeforeBlacklist = Math.Min(OverLimitSendsBeforeBlacklist, other.OverLimitSendsBeforeBlacklist),
            MaxPerAccountPerDay = (MaxPerAccountPerDay, other.MaxPerAccountPerDay) switch
            {
                (null, var b) => b,
                (var a, null) => a,
                (int a, int b) => Math.Min(a, b),
            },
        };
    }

    /// <summary>What is wrong with these limits, empty when they are usable: every limit must be at least 1.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Require(MaxContentLength, nameof(MaxContentLength));
        Require(MaxVariableLength, nameof(MaxVariableLength));
        Require(MaxPerNumberPerSecond, nameof(MaxPerNumberPerSecond));
        Require(MaxPerNumberPerDay, nameof(MaxPerNumberPerDay));
        Require(MaxVerificationCodesPerNumberPerDay, nameof(MaxVerificationCodesPerNumberPerDay));
        Require(MaxIdenticalPerNumberPerMinute, nameof(MaxIdenticalPerNumberPerMinute));
        Require(MaxIdenticalPerNumberPerDay, nameof(MaxIdenticalPerNumberPerDay));
        Require(OverLimitSendsBeforeBlacklist, nameof(OverLimitSendsBeforeBlacklist));
        if (MaxPerAccountPerDay is int cap)
        {
            Require(cap, nameof(MaxPerAccountPerDay));
        }

        return problems;

        void Require(int value, string name)
        {
            if (value < 1)
            {
                problems.Add($"{name} must be at least 1, not {value}.");
            }
        }
    }
}
