using SmsPortal.Domain.Accounts;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>One of the reseller's customers as its reseller sees it: found only through <see cref="ResellerView"/>.</summary>
public sealed record ViewedCustomer(int Id, string ApiId, string Name, AccountStatus Status, bool IsVerified, long Balance, DateTimeOffset CreatedAt);
