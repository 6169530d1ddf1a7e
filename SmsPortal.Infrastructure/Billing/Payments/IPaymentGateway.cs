namespace SmsPortal.Infrastructure.Billing.Payments;

/// <summary>What a gateway needs to take the payment of one order.</summary>
/// <param name="PortalBaseUri">The portal's public address (Platform:PublicUrl, ends with a slash), for the notify and return URLs; never a request's Host.</param>
public sealed record PaymentRequest(long OrderId, string OrderNumber, decimal Amount, string Subject, Uri PortalBaseUri, string Merchant);

/// <summary>Where the customer goes next: a gateway's page to pay on, or instructions (a bank transfer).</summary>
public sealed record PaymentStart(string? RedirectUrl, BankTransferDetails? Transfer);

public sealed record BankTransferDetails(string AccountName, string Bank, string AccountNumber, string Memo, decimal Amount);

/// <summary>A notification whose signature and freshness the gateway checked: what it says about which order.</summary>
public sealed record VerifiedNotification(string NotificationId, string OrderNumber, string TransactionId, decimal Amount, bool Paid);

/// <summary>Either a verified notification or the reason it was refused (bad signature, stale, malformed).</summary>
public sealed record NotificationCheck(VerifiedNotification? Notification, string? Refusal)
{
    public static NotificationCheck Refused(string reason) => new(null, reason);
}

/// <summary>
/// One way of paying. Adding Alipay, WeChat Pay or Stripe is one more implementation: <see cref="StartAsync"/> sends
/// the customer to the provider, <see cref="VerifyAsync"/> checks the provider's signed asynchronous notification.
/// Everything after the check (replays, amounts, crediting exactly once) is <see cref="PaymentService"/>'s, shared by all.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The gateway's name in URLs and records: /payments/{Name}/notify.</summary>
    string Name { get; }

    bool IsEnabled { get; }

    /// <summary>True when money arrives outside SmsPortal and an admin confirms it (a bank transfer).</summary>
    bool IsConfirmedByAdmin { get; }

    Task<PaymentStart> StartAsync(PaymentRequest request, CancellationToken cancellationToken);

    Task<NotificationCheck> VerifyAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken);

    /// <summary>The body the provider expects once a notification is taken care of (it retries until it gets it).</summary>
    string Acknowledgement { get; }
}
