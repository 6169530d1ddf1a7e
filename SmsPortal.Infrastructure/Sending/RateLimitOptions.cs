using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// Section "RateLimits": how the API doors (vendor API and REST) meet callers that guess credentials or send
/// faster than the platform takes. Counted per node, in memory.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>How long a failed authentication counts against its API ID and its address.</summary>
    public int FailureWindowSeconds { get; set; } = 600;

    /// <summary>Failures (per API ID or per address) answered at once; each one after is answered more slowly.</summary>
    public int FailuresBeforeSlowDown { get; set; } = 5;

    /// <summary>The delay each failure beyond FailuresBeforeSlowDown adds to the answer of the next one.</summary>
    public int SlowDownMilliseconds { get; set; } = 250;

    /// <summary>The longest a failed authentication's answer is delayed.</summary>
    public int MaxSlowDownMilliseconds { get; set; } = 3000;

    /// <summary>Failures for one API ID before it is refused (4053) for LockoutSeconds, except from addresses that used it successfully.</summary>
    public int FailuresPerApiIdBeforeLockout { get; set; } = 10;

    /// <summary>Failures from one address before it is refused (4053) for LockoutSeconds, whatever it sends.</summary>
    public int FailuresPerAddressBeforeLockout { get; set; } = 30;

    /// <summary>The cooling period of a lockout.</summary>
    public int LockoutSeconds { get; set; } = 900;

    /// <summary>API IDs and addresses a node keeps counts for at most (stale ones are dropped first).</summary>
    public int MaxTracked { get; set; } = 100_000;

    /// <summary>Requests per second one account may make on the vendor API and REST (a token bucket of this size); 0 for no limit.</summary>
    public int PerAccountPerSecond { get; set; } = 5000;

    /// <summary>Requests per second one client address may make on the vendor API and REST; 0 for no limit.</summary>
    public int PerAddressPerSecond { get; set; } = 10000;

    public IEnumerable<string> Problems()
    {
        if (FailureWindowSeconds is < 1 or > 86_400)
        {
            yield return "RateLimits:FailureWindowSeconds must be between 1 and 86400.";
        }

        if (FailuresBeforeSlowDown < 0)
        {
            yield return "RateLimits:FailuresBeforeSlowDown must be 0 or more.";
        }

        if (SlowDownMilliseconds is < 0 or > 10_000 || MaxSlowDownMilliseconds is < 0 or > 30_000)
        {
            yield return "RateLimits:SlowDownMilliseconds must be between 0 and 10000 and RateLimits:MaxSlowDownMilliseconds between 0 and 30000.";
        }

        if (FailuresPerApiIdBeforeLockout < 1 || FailuresPerAddressBeforeLockout < 1)
        {
            yield return "RateLimits:FailuresPerApiIdBeforeLockout and RateLimits:FailuresPerAddressBeforeLockout must be at least 1.";
        }

        if (LockoutSeconds is < 1 or > 86_400)
        {
            yield return "RateLimits:LockoutSeconds must be between 1 and 86400.";
        }

        if (MaxTracked is < 100 or > 10_000_000)
        {
            yield return "RateLimits:MaxTracked must be between 100 and 10000000.";
        }

        if (PerAccountPerSecond < 0 || PerAddressPerSecond < 0)
        {
            yield return "RateLimits:PerAccountPerSecond and RateLimits:PerAddressPerSecond must be 0 (no limit) or more.";
        }
    }
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
