namespace SmsPortal.Domain.Sending;

/// <summary>A number that receives nothing from an account (or from anyone, when the account is null): 4030.</summary>
public sealed class BlockedNumber
{
    public long Id { get; set; }

    /// <summary>Null for the platform's own list.</summary>
    public int? AccountId { get; set; }

    public required string Mobile { get; set; }

    public BlockReason Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum BlockReason
{
    /// <summary>Put there by a person.</summary>
    Manual = 0,

    /// <summary>Too many over-limit sends (408); released in the console.</summary>
    OverLimit = 1,

    /// <summary>The handset replied TD, 退订 or STOP.</summary>
    OptOut = 2,
}
