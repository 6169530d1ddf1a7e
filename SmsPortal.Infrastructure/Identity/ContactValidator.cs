using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace SmsPortal.Infrastructure.Identity;

/// <summary>
/// Every person can be reached: an e-mail address, a confirmed mobile, or both. An address, when there is one, is valid
/// and nobody else's; a confirmed mobile is nobody else's confirmed mobile (it signs them in by code).
/// </summary>
internal sealed class ContactValidator(IdentityErrorDescriber describer) : IUserValidator<ApplicationUser>
{
    public const string DuplicatePhoneNumber = nameof(DuplicatePhoneNumber);
    public const string NoContact = nameof(NoContact);

    public async Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var email = await manager.GetEmailAsync(user);
        var hasEmail = !string.IsNullOrWhiteSpace(email);
        var hasPhone = user.PhoneNumberConfirmed && !string.IsNullOrEmpty(user.PhoneNumber);
        if (!hasEmail && !hasPhone)
        {
            return IdentityResult.Failed(new IdentityError { Code = NoContact, Description = "An e-mail address or a confirmed mobile number is required." });
        }

        if (hasEmail)
        {
            if (!new EmailAddressAttribute().IsValid(email))
            {
                return IdentityResult.Failed(describer.InvalidEmail(email));
            }

            var owner = await manager.FindByEmailAsync(email!);
            if (owner is not null && owner.Id != user.Id)
            {
                return IdentityResult.Failed(describer.DuplicateEmail(email!));
            }
        }

        if (hasPhone && await manager.Users.AnyAsync(u => u.PhoneNumber == user.PhoneNumber && u.PhoneNumberConfirmed && u.Id != user.Id))
        {
            return IdentityResult.Failed(new IdentityError { Code = DuplicatePhoneNumber, Description = "This mobile number belongs to another account." });
        }

        return IdentityResult.Success;
    }
}
