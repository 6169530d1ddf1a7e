namespace SmsPortal.Domain.Billing;

/// <summary>A manual change of an account's credits by an admin: never zero, never absurd, always with a reason.</summary>
public static class AdjustmentRules
{
    public const long MaxCredits = 10_000_000;
    public const int ReasonMinLength = 4;
    public const int ReasonMaxLength = 500;

    public static string? Check(long amount, string? reason, long balance)
    {
        if (amount is 0 or < -MaxCredits or > MaxCredits)
        {
            return "Error.AdjustmentAmount";
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length is < ReasonMinLength or > ReasonMaxLength)
        {
            return "Error.AdjustmentReason";
        }

        // Taking credits never leaves an account below zero: what it already used cannot be taken back.
        return balance + amount < 0 ? "Error.AdjustmentBelowZero" : null;
    }
}
