using Microsoft.Extensions.Options;
using SmsPortal.Domain.Accounts;

namespace SmsPortal.Web.Features.Identity;

internal sealed class PhoneSignInOptionsValidator : IValidateOptions<PhoneSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, PhoneSignInOptions options)
    {
        if (!string.IsNullOrEmpty(options.AccountApiId) && !ApiCredentials.IsValidApiId(options.AccountApiId))
        {
            return ValidateOptionsResult.Fail("PhoneSignIn:AccountApiId is not an API ID (4 to 32 letters, digits, '-' or '_').");
        }

        return options.PerAddressPerHour is < 1 or > 10_000
            ? ValidateOptionsResult.Fail("PhoneSignIn:PerAddressPerHour must be 1 to 10000.")
            : ValidateOptionsResult.Success;
    }
}
