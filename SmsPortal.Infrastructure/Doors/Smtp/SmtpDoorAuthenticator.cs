using SmsPortal.Infrastructure.Sending;
using SmtpServer;
using SmtpServer.Authentication;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// SMTP AUTH (PLAIN or LOGIN): the user name is the API ID, the password the API key, checked by the submission
/// service's own credential check (lock-out after failures, IP binding, frozen accounts), so this door is no weaker
/// than the HTTP API. A refusal answers 535 with the vendor's code.
/// </summary>
internal sealed class SmtpDoorAuthenticator(SubmissionService submissions) : IUserAuthenticator
{
    public async Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var state = SmtpSessionState.Of(context);
        var (profile, refused) = await submissions.AuthenticateKeyAsync(user ?? "", password ?? "", state.ClientAddress, cancellationToken);
        if (profile is null)
        {
            throw SmtpReplies.Refuse(535, "5.7.8", refused!.Code, refused.LimitInForce);
        }

        state.Authenticated = profile;
        return true;
    }
}
