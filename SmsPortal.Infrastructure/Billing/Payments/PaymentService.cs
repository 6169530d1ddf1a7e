using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;

namespace SmsPortal.Infrastructure.Billing.Payments;

/// <summary>What became of a notification, and what to answer the provider.</summary>
public sealed record NotificationResult(int StatusCode, string Body, string Outcome);

public sealed record GatewayChoice(string Name, bool IsConfirmedByAdmin);

/// <summary>
/// Takes payments whatever the gateway: starts them, applies verified notifications, confirms bank transfers.
/// An order becomes paid and its credits are added in one transaction, guarded three times: the order's status
/// moves from Pending only once (a conditional update), the payment row is unique per order, and the notification
/// id is unique per gateway. So a replayed, doubled or concurrent notification adds credits exactly once.
/// </summary>
public sealed class PaymentService(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IEnumerable<IPaymentGateway> gateways,
    ResellerSales sales,
    IBackgroundJobClient jobs,
    SandboxGateway sandbox,
    IPublicUrls publicUrls,
    Brands brands,
    Microsoft.Extensions.Options.IOptions<BillingOptions> billing,
    TimeProvider clock)
{
    public IReadOnlyList<GatewayChoice> EnabledGateways => gateways.Where(g => g.IsEnabled).Select(g => new GatewayChoice(g.Name, g.IsConfirmedByAdmin)).ToList();

    /// <summary>The gateways this account may pay with: a reseller's customer pays the reseller, never into the platform's bank account.</summary>
    public async Task<IReadOnlyList<GatewayChoice>> GatewaysForAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resellerSale = await BuyerTerms.OfAsync(db, accountId, cancellationToken) is { SellerAccountId: not null };
        return EnabledGateways.Where(g => !(resellerSale && g.IsConfirmedByAdmin)).ToList();
    }

    public IPaymentGateway? Gateway(string name) => gateways.FirstOrDefault(g => g.IsEnabled && g.Name == name);

    /// <summary>Starts paying one of the account's pending orders with the chosen gateway.</summary>
    public async Task<(BillingResult Result, PaymentStart? Start)> StartAsync(long orderId, int accountId, string gatewayName, CancellationToken cancellationToken)
    {
        var gateway = Gateway(gatewayName);
        if (gateway is null)
        {
            return (BillingResult.Refused("Error.UnknownGateway"), null);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId && o.AccountId == accountId, cancellationToken);
        if (order is null)
        {
            return (BillingResult.Refused("Error.UnknownOrder"), null);
        }

        if (order.Status != OrderStatus.Pending)
        {
            return (BillingResult.Refused("Error.OrderNotPending"), null);
        }

        // A reseller's sale is the reseller's money: no transfer to the platform's bank account for an admin to confirm.
        if (order.SellerAccountId is not null && gateway.IsConfirmedByAdmin)
        {
            return (BillingResult.Refused("Error.UnknownGateway"), null);
        }

        await db.Orders.Where(o => o.Id == orderId && o.Status == OrderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Gateway, gateway.Name), cancellationToken);
        // The provider calls back the address the account's people know, never the Host this request named.
        var portalBaseUri = await publicUrls.BaseForAsync(accountId, cancellationToken);
        var merchant = order.SellerAccountId is { } seller && await brands.ForAccountAsync(seller, cancellationToken) is { } brand ? brand.DisplayName : billing.Value.SellerName;
        var start = await gateway.StartAsync(new PaymentRequest(order.Id, order.Number, order.Amount, order.PackageName, portalBaseUri, merchant), cancellationToken);
        return (BillingResult.Done(order.Id), start);
    }

    /// <summary>The sandbox page's Pay or Fail button: the provider will notify, as a provider does, from a job.</summary>
    public async Task<bool> CompleteSandboxPaymentAsync(IReadOnlyDictionary<string, string> link, bool paid, CancellationToken cancellationToken)
    {
        if (!sandbox.IsEnabled || !await sandbox.IsGenuineLinkAsync(link, cancellationToken))
        {
            return false;
        }

        jobs.Enqueue<SandboxNotifyJob>(j => j.DeliverAsync(link["order_no"], link["amount"], paid, link["notify_url"], CancellationToken.None));
        return true;
    }

    public async Task<NotificationResult> HandleNotificationAsync(string gatewayName, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var gateway = Gateway(gatewayName);
        if (gateway is null)
        {
            return new NotificationResult(404, "unknown gateway", "UnknownGateway");
        }

        var check = await gateway.VerifyAsync(fields, cancellationToken);
        if (check.Notification is not { } notification)
        {
            // Not stored: what fails the signature check is nobody's notification.
            return new NotificationResult(400, "refused: " + check.Refusal, "Refused");
        }

        // Kept for the record, whatever the gateway: every field as received, sorted.
        var raw = string.Join("&", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
        var orderId = Order.IdOfNumber(notification.OrderNumber);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (orderId is { } lockId && db.Database.IsNpgsql())
            {
                // Notifications of one order queue here, one at a time, so each sees what the one before did.
                await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"Orders\" WHERE \"Id\" = {0} FOR UPDATE", [lockId], cancellationToken);
            }

            if (await db.PaymentNotifications.AnyAsync(n => n.Gateway == gateway.Name && n.NotificationId == notification.NotificationId, cancellationToken))
            {
                return Duplicate(gateway);
            }

            var order = orderId is { } id ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken) : null;
            var outcome = Outcome(order, notification);
            db.PaymentNotifications.Add(new PaymentNotification
            {
                Gateway = gateway.Name,
                NotificationId = notification.NotificationId,
                OrderId = order?.Id,
                Outcome = outcome,
                Raw = raw.Length > 4000 ? raw[..4000] : raw,
                ReceivedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
            if (outcome == "Applied" && !await MarkPaidAsync(db, order!, gateway.Name, notification.TransactionId, notification.Amount, null, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Duplicate(gateway);
            }

            await transaction.CommitAsync(cancellationToken);
            return outcome switch
            {
                "UnknownOrder" => new NotificationResult(400, "refused: no such order", outcome),
                "AmountMismatch" => new NotificationResult(400, "refused: the amount does not match the order", outcome),
                _ => new NotificationResult(200, gateway.Acknowledgement, outcome),
            };
        }
        catch (DbUpdateException)
        {
            // A unique index said no: the same notification, or a payment of the same order, committed first.
            return Duplicate(gateway);
        }
    }

    /// <summary>An admin saw the transfer arrive: the order is paid with the bank's reference, audited.</summary>
    public async Task<BillingResult> ConfirmTransferAsync(long orderId, string? reference, BillingActor admin, CancellationToken cancellationToken)
    {
        var transactionId = reference?.Trim() ?? "";
        if (transactionId.Length is < 4 or > 100)
        {
            return BillingResult.Refused("Error.TransferReference");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"Orders\" WHERE \"Id\" = {0} FOR UPDATE", [orderId], cancellationToken);
            }

            var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null)
            {
                return BillingResult.Refused("Error.UnknownOrder");
            }

            if (order.SellerAccountId is not null)
            {
                return BillingResult.Refused("Error.NotPlatformSale");
            }

            if (await db.Payments.AnyAsync(p => p.Gateway == BankTransferGateway.GatewayName && p.TransactionId == transactionId, cancellationToken))
            {
                return BillingResult.Refused("Error.TransferReferenceUsed");
            }

            if (!await MarkPaidAsync(db, order, BankTransferGateway.GatewayName, transactionId, order.Amount, admin.UserId, cancellationToken))
            {
                return BillingResult.Refused("Error.OrderNotPending");
            }

            db.BillingAuditEntries.Add(Audit.Entry(clock, admin, BillingAction.TransferConfirmed, order.AccountId, order.Number,
                KeyedText.Of("Audit.TransferConfirmed", ("amount", Audit.Money(order.Amount)), ("sms", order.Sms)),
                KeyedText.Of("Audit.BankReference", ("reference", transactionId))));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return BillingResult.Done(orderId);
        }
        catch (DbUpdateException)
        {
            return BillingResult.Refused("Error.OrderNotPending");
        }
    }

    private static string Outcome(Order? order, VerifiedNotification notification) => order switch
    {
        null => "UnknownOrder",
        _ when order.Number != notification.OrderNumber => "UnknownOrder",
        _ when !notification.Paid => "PaymentFailed",
        _ when notification.Amount != order.Amount => "AmountMismatch",
        { Status: OrderStatus.Paid } => "AlreadyPaid",
        { Status: OrderStatus.Cancelled } => "OrderCancelled",
        _ => "Applied",
    };

    private static NotificationResult Duplicate(IPaymentGateway gateway) => new(200, gateway.Acknowledgement, "Duplicate");

    /// <summary>Pending → paid, the payment row and the credits (<see cref="ResellerSales"/>), inside the caller's transaction. False when the order was not pending.</summary>
    private async Task<bool> MarkPaidAsync(SmsPortalDbContext db, Order order, string gateway, string transactionId, decimal amount, string? confirmedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Orders.Where(o => o.Id == order.Id && o.Status == OrderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Paid).SetProperty(o => o.PaidAt, now).SetProperty(o => o.Gateway, gateway), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        db.Payments.Add(new Payment { OrderId = order.Id, Gateway = gateway, TransactionId = transactionId, Amount = amount, PaidAt = now, ConfirmedByUserId = confirmedBy });
        await db.SaveChangesAsync(cancellationToken);
        await sales.CreditPaidOrderAsync(db, order, cancellationToken);
        return true;
    }
}
