using Microsoft.AspNetCore.Identity;

namespace SmsPortal.Infrastructure.Identity;

/// <summary>A person who signs in to the console. Customers and resellers belong to one account; admins to none.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public int? AccountId { get; set; }

    /// <summary>The first person of an account owns it.</summary>
    public bool IsAccountOwner { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
