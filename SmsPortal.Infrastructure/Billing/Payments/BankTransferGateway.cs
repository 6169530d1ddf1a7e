using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Billing.Payments;

/// <summary>The customer transfers the amount with the order number as memo; an admin confirms it arrived.</summary>
internal sealed class BankTransferGateway(IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public const string GatewayName = "bank-transfer";

    public string Name => GatewayName;

    public bool IsEnabled => options.Value.BankTransfer.Enabled;

    public bool IsConfirmedByAdmin => true;

    public string Acknowledgement => "success";

    public Task<PaymentStart> StartAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var bank = options.Value.BankTransfer;
        return Task.FromResult(new PaymentStart(null, new BankTransferDetails(bank.AccountName, bank.Bank, bank.AccountNumber, request.OrderNumber, request.Amount)));
    }

    public Task<NotificationCheck> VerifyAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        Task.FromResult(NotificationCheck.Refused("bank transfers are confirmed by an admin, not notified"));
}
