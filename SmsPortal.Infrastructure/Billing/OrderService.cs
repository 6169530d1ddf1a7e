using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.International;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Billing;

public sealed record OrderRow(
    long Id, string Number, int AccountId, string AccountName, string PackageName, long Sms, decimal Amount, OrderStatus Status,
    string? Gateway, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, int ValidityDays, bool HasInvoice, bool AwaitingCredits = false, int? SellerAccountId = null)
{
    /// <summary>Null while unpaid, and for a money top-up (it does not expire).</summary>
    public DateTimeOffset? ValidUntil => ValidityDays > 0 ? PaidAt?.AddDays(ValidityDays) : null;
}

public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, int Total);

/// <summary>Orders of packages: placed by a customer, paid through a gateway or a confirmed transfer, or cancelled while unpaid.</summary>
public sealed class OrderService(IDbContextFactory<SmsPortalDbContext> contexts, IOptions<BillingOptions> options, TimeProvider clock)
{
    /// <summary>More unpaid orders than this for one account is not shopping; it is a script.</summary>
    public const int MaxPendingOrders = 20;

    public async Task<BillingResult> PlaceAsync(int accountId, int packageId, string? userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await BuyerTerms.OfAsync(db, accountId, cancellationToken) is not { } terms)
        {
            return BillingResult.Refused("Error.UnknownAccount");
        }

        // Only what this buyer is offered: a reseller's customer cannot buy the platform's packages, nor another reseller's.
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.IsActive && p.SellerAccountId == terms.SellerAccountId, cancellationToken);
        if (package is null)
        {
            return BillingResult.Refused("Error.UnknownPackage");
        }

        var price = await db.PackagePrices.Where(p => p.AccountId == accountId && p.PackageId == packageId).Select(p => (decimal?)p.Price).SingleOrDefaultAsync(cancellationToken);
        return await AddPendingAsync(db, new Order
        {
            AccountId = accountId,
            PackageId = package.Id,
            PackageName = package.Name,
            Sms = package.Sms,
            MoneyFen = package.MoneyFen,
            ValidityDays = package.ValidityDays,
            Amount = terms.PriceOf(package, price),
            SellerAccountId = package.SellerAccountId,
            Status = OrderStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = userId,
        }, cancellationToken);
    }

    /// <summary>
    /// What a top-up of a free amount of money may be for this account. A reseller's customer buys from its reseller's
    /// catalogue only (decision 0027), and a reseller does not sell money yet (decision 0034): not offered to it.
    /// </summary>
    public async Task<MoneyTopUpTerms> TopUpTermsAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var terms = await BuyerTerms.OfAsync(db, accountId, cancellationToken);
        return new MoneyTopUpTerms(terms is { SellerAccountId: null }, (long)(options.Value.MoneyTopUpMinYuan * 100), (long)(options.Value.MoneyTopUpMaxYuan * 100));
    }

    /// <summary>
    /// Places an order for a free amount of money for international SMS (<paramref name="amountText"/> in yuan, at most two
    /// decimals, within the configured range), paid like a package: the sale is the platform's, and the payment adds a
    /// money top-up in the transaction that marks the order paid, exactly once (decision 0034). Bad input creates nothing.
    /// </summary>
    public async Task<BillingResult> PlaceTopUpAsync(int accountId, string? amountText, string? userId, CancellationToken cancellationToken)
    {
        if (!Fen.TryParse(amountText, out var fen))
        {
            return BillingResult.Refused("TopUp.Error.Amount");
        }

        var range = await TopUpTermsAsync(accountId, cancellationToken);
        if (!range.Offered)
        {
            return BillingResult.Refused("TopUp.Error.NotOffered");
        }

        if (fen < range.MinFen || fen > range.MaxFen)
        {
            return BillingResult.Refused("TopUp.Error.Range");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AddPendingAsync(db, new Order
        {
            AccountId = accountId,
            PackageId = null,
            PackageName = "¥" + Fen.Format(fen),
            Sms = 0,
            MoneyFen = fen,
            ValidityDays = 0,
            Amount = fen / 100m,
            SellerAccountId = null,
            Status = OrderStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = userId,
        }, cancellationToken);
    }

    /// <summary>Adds a pending order unless its account already has <see cref="MaxPendingOrders"/> of them.</summary>
    private static async Task<BillingResult> AddPendingAsync(SmsPortalDbContext db, Order order, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Orders.CountAsync(o => o.AccountId == order.AccountId && o.Status == OrderStatus.Pending, cancellationToken) >= MaxPendingOrders)
        {
            return BillingResult.Refused("Error.TooManyPending");
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done(order.Id);
    }

    /// <summary>Cancels an unpaid order. <paramref name="accountId"/> limits it to the customer's own; an admin passes null and is audited.</summary>
    public async Task<BillingResult> CancelAsync(long orderId, int? accountId, BillingActor? admin, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && (accountId == null || o.AccountId == accountId), cancellationToken);
        if (order is null)
        {
            return BillingResult.Refused("Error.UnknownOrder");
        }

        var now = clock.GetUtcNow();
        // The status is the guard: a payment that committed first wins, and a paid order is never cancelled.
        var changed = await db.Orders.Where(o => o.Id == orderId && o.Status == OrderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled).SetProperty(o => o.CancelledAt, now), cancellationToken);
        if (changed == 0)
        {
            return BillingResult.Refused(order.Status == OrderStatus.Paid ? "Error.NotRefundable" : "Error.OrderNotPending");
        }

        if (admin is not null)
        {
            db.BillingAuditEntries.Add(Audit.Entry(clock, admin, BillingAction.OrderCancelled, order.AccountId, order.Number, KeyedText.Of("Audit.OrderCancelled", ("package", order.PackageName), ("amount", Audit.Money(order.Amount))), null));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done(orderId);
    }

    public async Task<OrderRow?> GetAsync(long orderId, int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db, db.Orders.Where(o => o.Id == orderId && (accountId == null || o.AccountId == accountId))).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A page of orders, newest first: one account's, or all of them (admins) filtered by status and number or account.</summary>
    /// <param name="resellerId">Admins: only the orders of this reseller and of its customers.</param>
    public async Task<OrderPage> SearchAsync(int? accountId, OrderStatus? status, string? search, int skip, int take, CancellationToken cancellationToken, int? resellerId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Orders.AsNoTracking();
        if (resellerId is { } reseller)
        {
            query = query.Where(o => o.AccountId == reseller || db.Accounts.Any(a => a.Id == o.AccountId && a.ParentAccountId == reseller));
        }

        if (accountId is { } id)
        {
            query = query.Where(o => o.AccountId == id);
        }

        if (status is { } s)
        {
            query = query.Where(o => o.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var numbered = Order.IdOfNumber(term);
            query = numbered is { } orderId
                ? query.Where(o => o.Id == orderId)
                : query.Where(o => db.Accounts.Any(a => a.Id == o.AccountId && (a.Name.Contains(term) || a.ApiId.Contains(term))));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Rows(db, query.OrderByDescending(o => o.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))).ToListAsync(cancellationToken);
        return new OrderPage(rows, total);
    }

    private static IQueryable<OrderRow> Rows(SmsPortalDbContext db, IQueryable<Order> orders) =>
        orders.Select(o => new OrderRow(
            o.Id, Order.FormatNumber(o.CreatedAt, o.Id), o.AccountId,
            db.Accounts.Where(a => a.Id == o.AccountId).Select(a => a.Name).First(),
            o.PackageName, o.Sms, o.Amount, o.Status, o.Gateway, o.CreatedAt, o.PaidAt, o.ValidityDays,
            db.Invoices.Any(i => i.OrderId == o.Id), o.AwaitingCredits, o.SellerAccountId));
}
