namespace SmsPortal.Domain.Resellers;

/// <summary>
/// A reseller moves credits between its balance and one of its customers': a whole number of SMS above zero, with a
/// reason, never more than the giving side holds (a transfer never leaves a balance below zero, and a take-back takes
/// only what the customer has not spent).
/// </summary>
public static class TransferRules
{
    public const long MaxCredits = 10_000_000;
    public const int ReasonMinLength = 2;
    // The reason is kept in both ledger notes, escaped (a Chinese character takes nine), within their 500.
    public const int ReasonMaxLength = 40;

    public static string? Check(long credits, string? reason)
    {
        if (credits is <= 0 or > MaxCredits)
        {
            return "Error.TransferAmount";
        }

        return string.IsNullOrWhiteSpace(reason) || reason.Trim().Length is < ReasonMinLength or > ReasonMaxLength ? "Error.TransferReason" : null;
    }

    /// <summary>The check once the giving side's balance is locked.</summary>
    public static string? CheckBalance(long credits, long givingBalance) => credits > givingBalance ? "Error.TransferOverBalance" : null;
}
