using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>What the admins' "by reseller" filter keeps: the reseller's own account and its customers'.</summary>
public static class ResellerTree
{
    public static IQueryable<int> AccountIds(SmsPortalDbContext db, int resellerId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Accounts.Where(a => a.Id == resellerId || a.ParentAccountId == resellerId).Select(a => a.Id);
    }
}
