namespace SmsPortal.Infrastructure.Mail;

/// <summary>Section "Mail". Without <see cref="SmtpHost"/> every mail goes to <see cref="PickupDirectory"/>.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>StartTls on 587, SslOnConnect on 465, None for a local relay.</summary>
    public string Security { get; set; } = "Auto";

    public string From { get; set; } = "SmsPortal <no-reply@smsportal.local>";

    public string PickupDirectory { get; set; } = "App_Data/mail";
}
