namespace SmsPortal.Domain.Verify;

/// <summary>
/// One code sent to one number for one service. The code itself is never stored: a random seed it is derived from
/// under the platform's key (so a re-send inside the lifetime sends the same code) and a keyed hash it is checked
/// against. Neither tells the code without the key, which lives outside the database.
/// </summary>
public sealed class Verification
{
    public long Id { get; set; }

    /// <summary>The public id: "VE" and 32 hex digits.</summary>
    public required string Sid { get; set; }

    public int ServiceId { get; set; }

    public int AccountId { get; set; }

    /// <summary>The number, normalised as messages store it.</summary>
    public required string Mobile { get; set; }

    public string Channel { get; set; } = VerificationChannels.Sms;

    public string? Locale { get; set; }

    public VerificationStatus Status { get; set; }

    /// <summary>32 bytes from RandomNumberGenerator; the code is HMAC(key, seed) mapped onto the alphabet.</summary>
    public required byte[] CodeSeed { get; set; }

    /// <summary>HMAC-SHA256 under the platform's check key of the sid and the code.</summary>
    public required byte[] CodeHash { get; set; }

    /// <summary>Checks made so far (right or wrong).</summary>
    public int Checks { get; set; }

    /// <summary>Checks allowed, from the service when the code was made.</summary>
    public int MaxChecks { get; set; }

    /// <summary>Times the code was sent (the first and each re-send).</summary>
    public int Sends { get; set; }

    /// <summary>The last message that carried the code (its smsid follows from it and its acceptance time).</summary>
    public long? LastMessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSentAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public const int CallAnswerMaxLength = 200;

    /// <summary>When a call that speaks the code is due (now for channel=call, later for a fallback); cleared by whoever places it.</summary>
    public DateTimeOffset? CallDueAt { get; set; }

    /// <summary>The due call is a fallback: placed only if the SMS has not been delivered by then.</summary>
    public bool CallIsFallback { get; set; }

    public DateTimeOffset? CalledAt { get; set; }

    /// <summary>
    /// Credits reserved for a call and not yet settled: reserved at a channel=call start (or when a fallback call is
    /// claimed), settled when the call is placed and refunded when it fails, each in the same write that clears this.
    /// </summary>
    public int CallCharge { get; set; }

    /// <summary>The voice provider's answer to the last call, raw, for the record.</summary>
    public string? CallAnswer { get; set; }

    /// <summary>The status a reader should see at <paramref name="now"/>: a pending code past its expiry is expired.</summary>
    public VerificationStatus StatusAt(DateTimeOffset now) =>
        Status == VerificationStatus.Pending && ExpiresAt <= now ? VerificationStatus.Expired : Status;
}
