namespace SmsPortal.Domain.Ledger;

/// <summary>
/// One line of an account's ledger. The ledger is append-only: a balance is the sum of <see cref="Amount"/> over the
/// account's entries of one <see cref="Currency"/> and is never stored as an overwritable number.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    public LedgerEntryKind Kind { get; set; }

    /// <summary>What the entry counts: SMS credits (every entry before decision 0034) or money in CNY fen.</summary>
    public LedgerCurrency Currency { get; set; }

    /// <summary>Credits (SMS), or fen for money, added (positive) or taken (negative).</summary>
    public long Amount { get; set; }

    /// <summary>
    /// The account's balance in this entry's currency once it is applied: the sum of its entries of that currency up to
    /// this one. Written once
    /// with the entry (under a lock on the account), so the console shows a running balance and the current
    /// balance is one indexed read, not a sum over the whole history.
    /// </summary>
    public long BalanceAfter { get; set; }

    /// <summary>What the entry is about: an order number, a message id, a person's note.</summary>
    public string? Reference { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum LedgerEntryKind
{
    Trial = 0,
    TopUp = 1,
    Reserve = 2,
    Settle = 3,
    Refund = 4,
    Adjustment = 5,
    Transfer = 6,
}
