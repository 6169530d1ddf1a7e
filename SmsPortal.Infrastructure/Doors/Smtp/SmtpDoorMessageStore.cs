using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// DATA: the text of the mail goes to every number through the one submission service, all at once (the writer
/// commits them together), and the mail is answered only after every answer is in, that is after the accepted ones
/// are committed. All accepted: 250. Some refused: 250 for the accepted part (a 5xx would make the sender send
/// the accepted numbers again) and a reply mail listing every number with its code. All refused: 554 with the first
/// refusal's vendor code, and the same reply mail. See docs/decisions/0032-smtp-door.md.
/// </summary>
internal sealed partial class SmtpDoorMessageStore(
    SubmissionService submissions,
    SendingProfiles profiles,
    MailDoorAccounts accounts,
    SmtpDoorReplyMail replyMail,
    ILogger<SmtpDoorMessageStore> logger) : IMessageStore
{
    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var state = SmtpSessionState.Of(context);
        if (state.Sender is null || state.Numbers.Count == 0)
        {
            return SmtpResponse.NoValidRecipientsGiven;
        }

        MimeMessage mail;
        try
        {
            using var stream = new MemoryStream(buffer.ToArray());
            mail = await MimeMessage.LoadAsync(stream, CancellationToken.None);
        }
        catch (FormatException)
        {
            return new SmtpResponse((SmtpReplyCode)554, "5.6.0 the mail cannot be read as a MIME message");
        }

        // The account as it is now (a key rotated or a freeze since AUTH counts), and its door settings.
        var profile = await profiles.FindAsync(state.Sender.ApiId, cancellationToken) ?? state.Sender;
        var settings = await accounts.GetAsync(profile.AccountId, cancellationToken);
        var text = settings.SubjectIsMessage ? MailBodyReader.Subject(mail) : MailBodyReader.Body(mail);
        var receiptTo = settings.MailReceipts && state.SenderAddress.Length > 0 ? state.SenderAddress : null;
        var origin = new SubmissionOrigin(state.ClientAddress);

        // Not cancelled with the session: once handed to the writer a submission is committed or refused, and its
        // answer must reach the reply mail even when the sender hung up meanwhile.
        var numbers = state.Numbers.ToList();
        var results = await Task.WhenAll(numbers.Select(number =>
            submissions.SubmitAsAsync(profile, SubmissionDoor.Mail, number, text, null, null, false, origin, receiptTo, CancellationToken.None)));
        var outcomes = numbers.Zip(results, (number, result) => new SmtpRecipientOutcome(number, result)).ToList();
        var accepted = outcomes.Count(o => o.Result.IsAccepted);
        LogMail(logger, profile.AccountId, numbers.Count, accepted);
        if (accepted == outcomes.Count)
        {
            var ids = string.Join(",", outcomes.Select(o => o.Result.SmsId));
            return new SmtpResponse(SmtpReplyCode.Ok, string.Create(CultureInfo.InvariantCulture, $"2.0.0 {accepted} accepted, smsid {ids}"));
        }

        await replyMail.SendAsync(state.SenderAddress, mail.Subject, outcomes);
        if (accepted > 0)
        {
            return new SmtpResponse(SmtpReplyCode.Ok, string.Create(CultureInfo.InvariantCulture, $"2.0.0 {accepted} of {outcomes.Count} accepted; the refused numbers are listed in a reply mail"));
        }

        var first = outcomes[0].Result;
        var (reply, enhanced) = SmtpReplies.For(first.Code);
        return new SmtpResponse((SmtpReplyCode)reply, $"{enhanced} {SmtpReplies.Vendor(first.Code, first.LimitInForce)}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail for account {AccountId}: {Accepted} of {Numbers} numbers accepted")]
    private static partial void LogMail(ILogger logger, int accountId, int numbers, int accepted);
}
