using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>One number of a mail and what the submission service answered for it.</summary>
internal sealed record SmtpRecipientOutcome(string Mobile, SubmitResult Result);
