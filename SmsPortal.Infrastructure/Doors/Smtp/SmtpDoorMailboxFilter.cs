using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Sending;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// What is decided before the body arrives. MAIL FROM: who sends (the AUTH account, or an account that lists the
/// sender address and binds the caller's IP), and the declared size. RCPT TO: only &lt;mobile&gt;@ the SMS mail
/// domain (no relay), a number the vendor's rules accept, at most <see cref="SmtpDoorOptions.MaxRecipients"/>.
/// </summary>
internal sealed class SmtpDoorMailboxFilter(SmtpDoorOptions options, MailDoorAccounts accounts) : IMailboxFilter
{
    public async Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        var state = SmtpSessionState.Of(context);
        if (size > options.MaxMessageBytes)
        {
            throw SmtpReplies.TooLarge(options.MaxMessageBytes);
        }

        var address = from is null || string.IsNullOrEmpty(from.User) ? "" : from.AsAddress();
        var sender = state.Authenticated ?? (address.Length == 0 ? null : await accounts.FindBySenderAsync(address, state.ClientAddress, cancellationToken));
        if (sender is null)
        {
            throw SmtpReplies.AuthenticationRequired();
        }

        if (sender.Status == AccountStatus.Frozen)
        {
            throw SmtpReplies.Refuse(550, "5.7.1", ResultCode.AccountFrozen);
        }

        state.StartMail(sender, address);
        return true;
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var state = SmtpSessionState.Of(context);
        if (state.Sender is null)
        {
            throw SmtpReplies.AuthenticationRequired();
        }

        if (!string.Equals(to.Host?.TrimEnd('.'), options.Domain, StringComparison.OrdinalIgnoreCase))
        {
            throw SmtpReplies.RelayDenied(options.Domain);
        }

        if (state.RecipientsSeen >= options.MaxRecipients)
        {
            throw SmtpReplies.TooManyRecipients(options.MaxRecipients);
        }

        var mobile = MobileNumber.Parse(to.User);
        if (!mobile.IsAccepted)
        {
            var (reply, enhanced) = SmtpReplies.For(mobile.Rejection!.Code);
            throw SmtpReplies.Refuse(reply, enhanced, mobile.Rejection.Code, mobile.Rejection.LimitInForce);
        }

        state.RecipientsSeen++;
        if (!state.Numbers.Contains(mobile.Value!.Value))
        {
            state.Numbers.Add(mobile.Value.Value);
        }

        return Task.FromResult(true);
    }
}
