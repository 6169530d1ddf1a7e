using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Billing.Invoices;

public sealed record InvoiceRequest(InvoiceKind Kind, string? Title, string? TaxNumber, string? AddressAndPhone, string? BankAndAccount);

public sealed record InvoiceRow(
    long Id, string? Number, long OrderId, string OrderNumber, int AccountId, string AccountName, InvoiceKind Kind, string Title, string TaxNumber,
    decimal Amount, InvoiceStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? IssuedAt);

public sealed record InvoicePage(IReadOnlyList<InvoiceRow> Rows, int Total);

/// <summary>Invoices: requested by customers for paid orders, issued by admins with the next number of one gap-free sequence.</summary>
public sealed class InvoiceService(IDbContextFactory<SmsPortalDbContext> contexts, IOptions<BillingOptions> options, TimeProvider clock)
{
    public async Task<BillingResult> RequestAsync(int accountId, long orderId, InvoiceRequest request, string? userId, CancellationToken cancellationToken)
    {
        if (InvoiceRules.Check(request.Kind, request.Title, request.TaxNumber, request.AddressAndPhone, request.BankAndAccount) is { } error)
        {
            return BillingResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.AccountId == accountId, cancellationToken);
        if (order is null)
        {
            return BillingResult.Refused("Error.UnknownOrder");
        }

        if (order.Status != OrderStatus.Paid)
        {
            return BillingResult.Refused("Error.InvoiceNeedsPaidOrder");
        }

        if (await db.Invoices.AnyAsync(i => i.OrderId == orderId, cancellationToken))
        {
            return BillingResult.Refused("Error.InvoiceExists");
        }

        var invoice = new Invoice
        {
            OrderId = order.Id,
            AccountId = accountId,
            SellerAccountId = order.SellerAccountId,
            Kind = request.Kind,
            Title = request.Title!.Trim(),
            TaxNumber = request.TaxNumber!.Trim().ToUpperInvariant(),
            AddressAndPhone = request.Kind == InvoiceKind.SpecialVat ? request.AddressAndPhone?.Trim() : null,
            BankAndAccount = request.Kind == InvoiceKind.SpecialVat ? request.BankAndAccount?.Trim() : null,
            Amount = order.Amount,
            Status = InvoiceStatus.Requested,
            RequestedAt = clock.GetUtcNow(),
            RequestedByUserId = userId,
        };
        db.Invoices.Add(invoice);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return BillingResult.Refused("Error.InvoiceExists");
        }

        return BillingResult.Done(invoice.Id);
    }

    /// <summary>Issues one of the platform's requested invoices (an admin); a reseller's sale is invoiced by the reseller.</summary>
    public Task<BillingResult> IssueAsync(long invoiceId, BillingActor admin, CancellationToken cancellationToken) =>
        IssueAsync(invoiceId, null, admin, cancellationToken);

    /// <summary>Issues one of the reseller's own customers' requested invoices, from the reseller's sequence, with its tax details.</summary>
    public Task<BillingResult> IssueAsSellerAsync(long invoiceId, int resellerId, BillingActor actor, CancellationToken cancellationToken) =>
        IssueAsync(invoiceId, resellerId, actor, cancellationToken);

    /// <summary>
    /// Issues a requested invoice of this seller. Its number comes from the seller's counter row, incremented inside
    /// this transaction: a second issuer waits on that row until the first commits (or rolls back, handing the number
    /// back), so each seller's numbers run 1, 2, 3… with no gap and no duplicate, on SQLite and on PostgreSQL with any
    /// number of nodes.
    /// </summary>
    private async Task<BillingResult> IssueAsync(long invoiceId, int? sellerAccountId, BillingActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (sellerAccountId is { } reseller && !await db.ResellerBrands.AnyAsync(b => b.AccountId == reseller && b.TaxName != null && b.TaxNumber != null, cancellationToken))
        {
            return BillingResult.Refused("Error.TaxDetailsMissing");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId && i.SellerAccountId == sellerAccountId, cancellationToken);
        if (invoice is null)
        {
            return BillingResult.Refused("Error.UnknownInvoice");
        }

        if (invoice.Status != InvoiceStatus.Requested)
        {
            return BillingResult.Refused("Error.InvoiceIssued");
        }

        var counter = BillingCounter.InvoiceOf(sellerAccountId);
        if (sellerAccountId is not null)
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"BillingCounters\" (\"Name\", \"Value\") VALUES ({0}, 0) ON CONFLICT (\"Name\") DO NOTHING", [counter], cancellationToken);
        }

        var number = (await db.Database
            .SqlQueryRaw<long>("UPDATE \"BillingCounters\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = {0} RETURNING \"Value\"", counter)
            .ToListAsync(cancellationToken)).Single();
        var now = clock.GetUtcNow();
        var changed = await db.Invoices.Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Requested)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvoiceStatus.Issued).SetProperty(i => i.Number, number)
                .SetProperty(i => i.IssuedAt, now).SetProperty(i => i.IssuedByUserId, actor.UserId), cancellationToken);
        if (changed == 0)
        {
            // Issued by someone else meanwhile: the rollback gives the number back.
            await transaction.RollbackAsync(cancellationToken);
            return BillingResult.Refused("Error.InvoiceIssued");
        }

        var orderNumber = await db.Orders.Where(o => o.Id == invoice.OrderId).Select(o => Order.FormatNumber(o.CreatedAt, o.Id)).SingleAsync(cancellationToken);
        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, BillingAction.InvoiceIssued, invoice.AccountId, Invoice.FormatNumber(number),
            KeyedText.Of("Audit.InvoiceIssued", ("kind", invoice.Kind), ("amount", Audit.Money(invoice.Amount)), ("order", orderNumber)), null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done(number);
    }

    /// <summary>
    /// A page of invoices, newest first: one account's (a customer's own), or one seller's — the platform's when
    /// <paramref name="sellerAccountId"/> is null and <paramref name="bySeller"/> is set (admins), a reseller's otherwise.
    /// </summary>
    public async Task<InvoicePage> SearchAsync(int? accountId, InvoiceStatus? status, int skip, int take, CancellationToken cancellationToken, bool bySeller = false, int? sellerAccountId = null, int? resellerId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Invoices.AsNoTracking();
        if (accountId is { } id)
        {
            query = query.Where(i => i.AccountId == id);
        }

        if (resellerId is { } reseller)
        {
            var tree = Resellers.ResellerTree.AccountIds(db, reseller);
            query = query.Where(i => tree.Contains(i.AccountId));
        }

        if (bySeller)
        {
            query = query.Where(i => i.SellerAccountId == sellerAccountId);
        }

        if (status is { } s)
        {
            query = query.Where(i => i.Status == s);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(i => i.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(i => new
            {
                i.Id, i.Number, i.OrderId, i.AccountId, i.Kind, i.Title, i.TaxNumber, i.Amount, i.Status, i.RequestedAt, i.IssuedAt,
                AccountName = db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.Name).First(),
                OrderCreatedAt = db.Orders.Where(o => o.Id == i.OrderId).Select(o => o.CreatedAt).First(),
            })
            .ToListAsync(cancellationToken);
        return new InvoicePage(
            rows.Select(r => new InvoiceRow(r.Id, r.Number is { } n ? Invoice.FormatNumber(n) : null, r.OrderId, Order.FormatNumber(r.OrderCreatedAt, r.OrderId), r.AccountId, r.AccountName,
                r.Kind, r.Title, r.TaxNumber, r.Amount, r.Status, r.RequestedAt, r.IssuedAt)).ToList(),
            total);
    }

    /// <summary>Invoices carry the company's tax details: the account's owner may download them, other people of the account may not.</summary>
    public async Task<bool> IsOwnerAsync(string? userId, int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return userId is not null && await db.Users.AnyAsync(u => u.Id == userId && u.AccountId == accountId && u.IsAccountOwner, cancellationToken);
    }

    /// <summary>The account an invoice belongs to, for the download's access check; null when it does not exist.</summary>
    public async Task<int?> AccountOfAsync(long invoiceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Invoices.Where(i => i.Id == invoiceId).Select(i => (int?)i.AccountId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The reseller that issues an invoice (null for the platform's or an unknown one), for the download's access check.</summary>
    public async Task<int?> SellerOfAsync(long invoiceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.SellerAccountId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The issued invoice as a PDF, with its number for the file name; null when it is not issued.</summary>
    public async Task<(string Number, byte[] Pdf)?> PdfAsync(long invoiceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId && i.Status == InvoiceStatus.Issued, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == invoice.OrderId, cancellationToken);
        var issuer = await db.Users.Where(u => u.Id == invoice.IssuedByUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var seller = invoice.SellerAccountId is { } reseller
            ? await db.ResellerBrands.Where(b => b.AccountId == reseller)
                .Select(b => new InvoiceSeller(b.TaxName ?? b.DisplayName, b.TaxNumber ?? "", b.TaxAddressAndPhone, b.TaxBankAndAccount, options.Value.VatRate, false))
                .SingleAsync(cancellationToken)
            : InvoiceSeller.Platform(options.Value);
        var print = new InvoicePrint(invoice, order, seller, issuer ?? "");
        return (invoice.DisplayNumber!, InvoiceDocument.Render(print));
    }
}
