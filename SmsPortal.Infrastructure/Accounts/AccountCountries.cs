using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Accounts;

/// <summary>
/// An account's country allow-list, which an admin sets: calling codes, or empty for the platform's list
/// (Abuse:AllowedCountries). The abuse defence holds every send of the account to it (4032).
/// </summary>
public sealed class AccountCountries(IDbContextFactory<SmsPortalDbContext> contexts, SendingProfiles profiles)
{
    /// <summary>
    /// Replaces the list with the codes in <paramref name="text"/> ("86, 852"; empty for the platform's). A code that is no
    /// country calling code, or too many of them, changes nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such account.</exception>
    public async Task<CountriesChange> SetAsync(int accountId, string? text, CancellationToken cancellationToken)
    {
        var codes = CountryAllowList.Split(text);
        if (CountryAllowList.FirstUnknown(codes) is { } unknown)
        {
            return new CountriesChange(false, UnknownCode: unknown);
        }

        if (codes.Count > CountryAllowList.MaxCodes)
        {
            return new CountriesChange(false, TooMany: true);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new InvalidOperationException($"No account {accountId}.");

        account.AllowedCountries = codes.Count == 0 ? null : CountryAllowList.Join(codes);
        await db.SaveChangesAsync(cancellationToken);

        // This node at once; the others within Sending:ProfileSeconds.
        profiles.Forget(account.ApiId);
        return new CountriesChange(true);
    }

    /// <summary>The account's own codes; empty when it keeps the platform's list.</summary>
    public async Task<IReadOnlyList<string>> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return CountryAllowList.Split(await db.Accounts.Where(a => a.Id == accountId).Select(a => a.AllowedCountries).SingleOrDefaultAsync(cancellationToken));
    }
}
