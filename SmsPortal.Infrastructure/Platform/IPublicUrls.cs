namespace SmsPortal.Infrastructure.Platform;

/// <summary>
/// Where links sent out of the portal point: confirmation and reset links in mail, payment notify and return URLs.
/// Never the Host of the request that caused them, which the caller chooses (a forged Host would mail the admin a
/// reset link to someone else's server).
/// </summary>
public interface IPublicUrls
{
    /// <summary>
    /// The portal's address, ending in a slash, as the people of <paramref name="accountId"/> know it; null is the
    /// platform itself (admins, a person without an account yet). Today every account gets the platform's address;
    /// a reseller's own brand can answer with its own here.
    /// </summary>
    ValueTask<Uri> BaseForAsync(int? accountId, CancellationToken cancellationToken);
}
