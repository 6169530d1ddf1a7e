using System.Globalization;

namespace SmsPortal.Domain.Billing;

/// <summary>
/// A package bought by an account: pending until paid, then paid (credits added once) or cancelled while unpaid.
/// There is no refund: packages are not refundable.
/// </summary>
public sealed class Order
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The package bought; null for a top-up of a free amount of money (decision 0034).</summary>
    public int? PackageId { get; set; }

    /// <summary>
    /// The package as it was bought: a later change to the package does not change the order. A money top-up is named by
    /// its amount ("¥123.45"), which reads the same in every language.
    /// </summary>
    public required string PackageName { get; set; }

    public long Sms { get; set; }

    /// <summary>Money (CNY fen) the order adds to the buyer's money balance once paid (international SMS); 0 for SMS only.</summary>
    public long MoneyFen { get; set; }

    public int ValidityDays { get; set; }

    /// <summary>What the buyer pays in CNY (the account's price when it has one).</summary>
    public decimal Amount { get; set; }

    public OrderStatus Status { get; set; }

    /// <summary>The payment gateway the buyer chose (its name), null until a payment starts.</summary>
    public string? Gateway { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CreatedByUserId { get; set; }

    /// <summary>Who sold it and keeps the money: null for the platform, or the reseller whose package it is.</summary>
    public int? SellerAccountId { get; set; }

    /// <summary>
    /// Paid, but the reseller's balance was short of the credits: they move from the reseller to the buyer on the
    /// reseller's next top-up (then this is false again). Never true for the platform's own sales.
    /// </summary>
    public bool AwaitingCredits { get; set; }

    /// <summary>
    /// The order number people quote: SO, the UTC date of the order and the row id (at least six digits),
    /// e.g. SO20261123000042. Unique because the id is, readable on a bank transfer's memo line.
    /// </summary>
    public string Number => FormatNumber(CreatedAt, Id);

    /// <summary>Null while unpaid, and for a money top-up (0 days: money does not expire).</summary>
    public DateTimeOffset? ValidUntil => ValidityDays > 0 ? PaidAt?.AddDays(ValidityDays) : null;

    public static string FormatNumber(DateTimeOffset createdAt, long id) =>
        "SO" + createdAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + id.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The row id an order number names; null for anything that is not an order number.</summary>
    public static long? IdOfNumber(string? number)
    {
        var text = number?.Trim();
        if (text is not { Length: >= 16 and <= 30 } || !text.StartsWith("SO", StringComparison.OrdinalIgnoreCase) || !text.AsSpan(2).ToString().All(char.IsAsciiDigit))
        {
            return null;
        }

        return long.TryParse(text.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }
}

public enum OrderStatus
{
    Pending = 0,
    Paid = 1,
    Cancelled = 2,
}

/// <summary>
/// The one successful payment of an order. The order id is unique here, so the database itself refuses a
/// second payment (and with it a second top-up) of the same order, whatever path it comes by.
/// </summary>
public sealed class Payment
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    public required string Gateway { get; set; }

    /// <summary>The gateway's transaction id, or the bank transfer's reference an admin typed.</summary>
    public required string TransactionId { get; set; }

    public decimal Amount { get; set; }

    public DateTimeOffset PaidAt { get; set; }

    /// <summary>The admin who confirmed a bank transfer; null for a gateway notification.</summary>
    public string? ConfirmedByUserId { get; set; }
}

/// <summary>
/// Every payment notification that passed the signature check, kept by its id: a second notification with the
/// same id is a replay (or the gateway's retry) and changes nothing. The raw fields stay for the record.
/// </summary>
public sealed class PaymentNotification
{
    public long Id { get; set; }

    public required string Gateway { get; set; }

    public required string NotificationId { get; set; }

    public long? OrderId { get; set; }

    public required string Outcome { get; set; }

    public required string Raw { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
