using Microsoft.AspNetCore.Authorization;

namespace SmsPortal.Web.Features.Identity;

/// <summary>Part of the Admin and Console policies: met unless <see cref="TwoFactorEnrolment"/> says setup is missing.</summary>
internal sealed class TwoFactorEnrolmentRequirement : IAuthorizationRequirement;
