namespace SmsPortal.Domain.Ledger;

/// <summary>
/// What a ledger entry counts. Each account has one balance per currency, each with its own running
/// <see cref="LedgerEntry.BalanceAfter"/>: SMS credits (domestic sends), and money in CNY fen (international sends,
/// charged by a price per segment; decision 0034).
/// </summary>
public enum LedgerCurrency
{
    /// <summary>SMS credits: one per billed part of a mainland message.</summary>
    Credits = 0,

    /// <summary>Money, in CNY fen (1 yuan = 100).</summary>
    Cny = 1,
}
