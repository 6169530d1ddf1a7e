using Microsoft.AspNetCore.Authorization;

namespace SmsPortal.Web.Features.Identity;

internal sealed class TwoFactorEnrolmentHandler(TwoFactorEnrolment enrolment) : AuthorizationHandler<TwoFactorEnrolmentRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolmentRequirement requirement)
    {
        if (!await enrolment.IsMissingAsync(context.User, CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
