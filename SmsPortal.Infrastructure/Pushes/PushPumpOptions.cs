namespace SmsPortal.Infrastructure.Pushes;

/// <summary>Section "Pushes": how the push pump sends what the push outbox holds.</summary>
public sealed class PushPumpOptions
{
    public const string Section = "Pushes";

    /// <summary>Attempts per push; each gap is <see cref="GapSeconds"/> longer than the one before.</summary>
    public int MaxAttempts { get; set; } = 3;

    public int GapSeconds { get; set; } = 60;

    /// <summary>Pushes in flight at once to one receiver (scheme, host and port).</summary>
    public int MaxInFlightPerUrl { get; set; } = 32;

    /// <summary>Pushes in flight at once in all.</summary>
    public int MaxInFlight { get; set; } = 512;

    /// <summary>How long a fresh push belongs to the node that wrote it before another node's poll may take it.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often the pump looks for pushes that are due again (retries, or a dead node's).</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Every problem, each naming its setting.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, nameof(MaxAttempts), MaxAttempts, 1, 20);
        Check(problems, nameof(GapSeconds), GapSeconds, 1, 86_400);
        Check(problems, nameof(MaxInFlightPerUrl), MaxInFlightPerUrl, 1, 10_000);
        Check(problems, nameof(MaxInFlight), MaxInFlight, 1, 100_000);
        Check(problems, nameof(LeaseSeconds), LeaseSeconds, 5, 3_600);
        Check(problems, nameof(PollMilliseconds), PollMilliseconds, 50, 60_000);
        return problems;
    }

    private static void Check(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{Section}:{name} must be from {min} to {max}, not {value}.");
        }
    }
}
