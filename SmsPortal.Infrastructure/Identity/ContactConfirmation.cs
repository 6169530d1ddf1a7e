using Microsoft.AspNetCore.Identity;

namespace SmsPortal.Infrastructure.Identity;

/// <summary>A person may sign in once they proved one way to reach them: the link mailed to their address or a code sent to their mobile.</summary>
internal sealed class ContactConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(user.EmailConfirmed || user.PhoneNumberConfirmed);
}
