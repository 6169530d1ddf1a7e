using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.International;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.International;

/// <summary>
/// A reseller's international price list line by line (decision 0034), beside its wholesale cost: the console's page
/// and the catalogue REST call these; a whole file goes through <see cref="InternationalPrices.ImportAsync"/>, which has
/// the same rules. Every method is bounded by the reseller's account id, and refuses an account that is not a reseller.
/// </summary>
public sealed class ResellerPriceList(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>Every line the platform prices and every line of the reseller's, ordered by country and prefix; empty for an account that is not a reseller.</summary>
    public async Task<IReadOnlyList<WholesalePriceRow>> RowsAsync(int resellerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsResellerAsync(db, resellerId, cancellationToken))
        {
            return [];
        }

        var lines = await db.InternationalPrices.AsNoTracking()
            .Where(p => p.SellerAccountId == null || p.SellerAccountId == resellerId).ToListAsync(cancellationToken);
        var platform = lines.Where(l => l.SellerAccountId == null).Select(Line).ToList();
        var own = lines.Where(l => l.SellerAccountId == resellerId).ToDictionary(l => (l.CountryCode, l.Prefix));
        var keys = lines.Select(l => (l.CountryCode, l.Prefix)).Distinct();
        return keys.Select(key =>
            {
                var mine = own.GetValueOrDefault(key);
                var network = platform.FirstOrDefault(p => (p.CountryCode, p.Prefix) == key)?.Network ?? mine?.Network;
                return new WholesalePriceRow(key.CountryCode, key.Prefix, network, PriceList.WholesaleFloor(platform, key.CountryCode, key.Prefix), mine?.PriceFen);
            })
            .OrderBy(r => r.CountryCode.Length).ThenBy(r => r.CountryCode, StringComparer.Ordinal).ThenBy(r => r.Prefix, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Sets the reseller's price (yuan, as typed) for a country and network prefix, adding the line or changing it. A
    /// refusal is the problem (a key of <c>InternationalText</c> with the value at fault), and changes nothing.
    /// </summary>
    public async Task<PriceListProblem?> SetAsync(int resellerId, string? country, string? prefix, string? price, CancellationToken cancellationToken)
    {
        var countryCode = (country ?? "").Trim().TrimStart('+');
        var networkPrefix = (prefix ?? "").Trim();
        if (!Fen.TryParse(price, out var fen))
        {
            return new PriceListProblem(0, "Problem.Price", price?.Trim() ?? "");
        }

        var line = new PriceLine(countryCode, networkPrefix, null, fen, null);
        if (PriceList.Check(line, isResellers: true) is { } problem)
        {
            return new PriceListProblem(0, problem, problem == "Problem.Prefix" ? networkPrefix : problem == "Problem.Price" ? price!.Trim() : countryCode);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsResellerAsync(db, resellerId, cancellationToken))
        {
            return new PriceListProblem(0, "Problem.NotReseller");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var platform = (await db.InternationalPrices.AsNoTracking().Where(p => p.SellerAccountId == null && p.CountryCode == countryCode).ToListAsync(cancellationToken)).ConvertAll(Line);
        var floor = PriceList.WholesaleFloor(platform, countryCode, networkPrefix);
        if (floor is null)
        {
            return new PriceListProblem(0, "Problem.NoWholesale", countryCode + networkPrefix);
        }

        if (fen < floor)
        {
            return new PriceListProblem(0, "Problem.BelowCost", Fen.Format(floor.Value));
        }

        var existing = await db.InternationalPrices.SingleOrDefaultAsync(p => p.SellerAccountId == resellerId && p.CountryCode == countryCode && p.Prefix == networkPrefix, cancellationToken);
        if (existing is null)
        {
            if (await db.InternationalPrices.CountAsync(p => p.SellerAccountId == resellerId, cancellationToken) >= PriceList.MaxLines)
            {
                return new PriceListProblem(0, "Problem.TooManyLines", PriceList.MaxLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            existing = new InternationalPrice { SellerAccountId = resellerId, CountryCode = countryCode, Prefix = networkPrefix, Network = platform.FirstOrDefault(p => p.Prefix == networkPrefix)?.Network };
            db.InternationalPrices.Add(existing);
        }

        existing.PriceFen = fen;
        existing.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Removes the reseller's own price for a country and prefix (its customers then pay the platform's); false when it had none.</summary>
    public async Task<bool> RemoveAsync(int resellerId, string? country, string? prefix, CancellationToken cancellationToken)
    {
        var countryCode = (country ?? "").Trim().TrimStart('+');
        var networkPrefix = (prefix ?? "").Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InternationalPrices
            .Where(p => p.SellerAccountId == resellerId && p.CountryCode == countryCode && p.Prefix == networkPrefix)
            .ExecuteDeleteAsync(cancellationToken) == 1;
    }

    private static Task<bool> IsResellerAsync(SmsPortalDbContext db, int accountId, CancellationToken cancellationToken) =>
        db.Accounts.AnyAsync(a => a.Id == accountId && a.Kind == AccountKind.Reseller, cancellationToken);

    private static PriceLine Line(InternationalPrice p) => new(p.CountryCode, p.Prefix, p.Network, p.PriceFen, p.CostFen);
}
