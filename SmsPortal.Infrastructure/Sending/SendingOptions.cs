using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>Section "Sending": the platform's limits and how acceptance behaves.</summary>
public sealed class SendingOptions
{
    public const string Section = "Sending";

    /// <summary>The platform's limits (vendor defaults unless set); accounts can only tighten them.</summary>
    /// <remarks>A copy: the configuration binder writes into this object, and the shared defaults must stay the vendor's.</remarks>
    public SendLimits Limits { get; set; } = SendLimits.VendorDefaults with { };

    /// <summary>How far a dynamic password's time may be from ours, either way (40501 beyond it).</summary>
    public int DynamicPasswordWindowSeconds { get; set; } = (int)DynamicPassword.DefaultWindow.TotalSeconds;

    /// <summary>Hours east of UTC where a "day" of the daily limits starts (China: 8).</summary>
    public int DayOffsetHours { get; set; } = 8;

    /// <summary>Most submissions one commit of the acceptance writer takes.</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>Submissions waiting for the writer before new ones are refused (the flood guard, HTTP 429).</summary>
    public int MaxWaiting { get; set; } = 20_000;

    /// <summary>Submissions one account may have waiting for the writer; unset: a quarter of MaxWaiting. Beyond it that account gets HTTP 429 (vendor code 4089) while others still get in.</summary>
    public int? MaxWaitingPerAccount { get; set; }

    /// <summary>The share of the writer's queue one account may hold.</summary>
    public int WaitingShare => MaxWaitingPerAccount ?? Math.Max(1, MaxWaiting / 4);

    /// <summary>How long an account's settings, keys and templates are reused before they are read again.</summary>
    public int ProfileSeconds { get; set; } = 2;

    /// <summary>API IDs naming no account that a node remembers at most (each for ProfileSeconds); 0 remembers none.</summary>
    public int MaxUnknownApiIds { get; set; } = 10_000;

    /// <summary>Caller addresses refused on every API call (vendor code 400).</summary>
    public HashSet<string> DeniedIps { get; set; } = [];

    /// <summary>Words refused in every message (407), on top of the admins' list.</summary>
    public List<string> SensitiveWords { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        foreach (var problem in Limits.Problems())
        {
            yield return problem;
        }

        if (DynamicPasswordWindowSeconds is < 10 or > 86_400)
        {
            yield return "Sending:DynamicPasswordWindowSeconds must be between 10 and 86400.";
        }

        if (DayOffsetHours is < -12 or > 14)
        {
            yield return "Sending:DayOffsetHours must be between -12 and 14.";
        }

        if (MaxBatch is < 1 or > 5000)
        {
            yield return "Sending:MaxBatch must be between 1 and 5000.";
        }

        if (MaxWaiting < MaxBatch)
        {
            yield return "Sending:MaxWaiting must be at least Sending:MaxBatch.";
        }

        if (MaxWaitingPerAccount is { } share && (share < 1 || share > MaxWaiting))
        {
            yield return "Sending:MaxWaitingPerAccount must be between 1 and Sending:MaxWaiting.";
        }

        if (ProfileSeconds is < 0 or > 300)
        {
            yield return "Sending:ProfileSeconds must be between 0 and 300.";
        }

        if (MaxUnknownApiIds is < 0 or > 1_000_000)
        {
            yield return "Sending:MaxUnknownApiIds must be between 0 and 1000000.";
        }
    }
}

internal sealed class SendingOptionsValidator : IValidateOptions<SendingOptions>
{
    public ValidateOptionsResult Validate(string? name, SendingOptions options)
    {
        var problems = options.Problems().Select(p => p.StartsWith("Sending:", StringComparison.Ordinal) ? p : "Sending:Limits: " + p).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
