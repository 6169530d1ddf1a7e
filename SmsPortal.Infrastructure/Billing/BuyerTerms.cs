using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Resellers;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Billing;

/// <summary>
/// Whose packages an account buys and at what price: a reseller's customer buys its reseller's catalogue; everyone
/// else the platform's, a reseller at its wholesale cost (rounded up to the fen) unless an admin set it a price.
/// One place, so the offers shown and the order placed never disagree.
/// </summary>
internal sealed record BuyerTerms(int? SellerAccountId, ResellerBrand? Wholesale)
{
    public static async Task<BuyerTerms?> OfAsync(SmsPortalDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var buyer = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new
            {
                a.Kind,
                Seller = db.Accounts.Where(p => p.Id == a.ParentAccountId && p.Kind == AccountKind.Reseller).Select(p => (int?)p.Id).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (buyer is null)
        {
            return null;
        }

        var wholesale = buyer.Kind == AccountKind.Reseller
            ? await db.ResellerBrands.AsNoTracking().SingleOrDefaultAsync(b => b.AccountId == accountId, cancellationToken)
            : null;
        return new BuyerTerms(buyer.Seller, wholesale);
    }

    /// <summary>
    /// The price of a package for this buyer: its own price when it has one, else the list price (a reseller: its wholesale
    /// cost for the SMS, plus the money of a package that holds money at face value, decision 0034).
    /// </summary>
    public decimal PriceOf(Package package, decimal? ownPrice) =>
        ownPrice ?? (Wholesale is { } w && package.SellerAccountId is null
            ? (package.Sms == 0 ? 0m : WholesaleRules.Payable(WholesaleRules.CostOf(w.WholesaleUnit, w.WholesalePrice, w.WholesalePackageSms, package.Sms))) + (package.MoneyFen / 100m)
            : package.Price);
}
