using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Resellers;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>
/// A reseller makes a customer (console and REST call this). With a person's e-mail, that person becomes the customer's
/// user, without a password, in the customer's own transaction (a refusal leaves neither), and is then mailed the
/// invitation to set one (<see cref="InvitationMails"/>). An address that already signs in anywhere is refused.
/// </summary>
internal sealed class CustomerInvitations(IServiceScopeFactory scopes, ResellerCustomers customers, TimeProvider clock)
{
    public async Task<NewResellerCustomer> CreateAsync(int resellerId, string? name, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return await customers.CreateAsync(resellerId, name, cancellationToken);
        }

        var address = email.Trim();
        if (address.Length > 256 || !new EmailAddressAttribute().IsValid(address))
        {
            return new NewResellerCustomer(false, "Invitation.Error.Email");
        }

        // Identity's user manager works on the scoped context, the one the account is made in.
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(address) is not null || await users.FindByNameAsync(address) is not null)
        {
            return new NewResellerCustomer(false, "Invitation.Error.Taken");
        }

        var user = new ApplicationUser { UserName = address, Email = address, IsAccountOwner = true, CreatedAt = clock.GetUtcNow() };
        var made = await customers.CreateAsync(services.GetRequiredService<SmsPortalDbContext>(), resellerId, name, async accountId =>
        {
            user.AccountId = accountId;
            var created = await users.CreateAsync(user);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, Roles.Customer);
            }

            return created.Succeeded ? null : created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName") ? "Invitation.Error.Taken" : "Invitation.Error.Email";
        }, cancellationToken);
        if (!made.Ok)
        {
            return made;
        }

        await services.GetRequiredService<InvitationMails>().SendAsync(user, name!.Trim(), cancellationToken);
        return made with { InvitedEmail = address };
    }
}
