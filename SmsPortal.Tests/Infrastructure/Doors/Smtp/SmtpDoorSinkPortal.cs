using System.Globalization;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Doors.Smtp;

/// <summary>The SMTP door with the platform's mail going to a test SMTP server (<see cref="Sink"/>) that can refuse for a while, and reply mails tried again after a second.</summary>
public sealed class SmtpDoorSinkPortal : SmtpDoorPortal
{
    public SmtpSink Sink { get; } = new();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Mail:SmtpHost"] = "127.0.0.1";
        settings["Mail:SmtpPort"] = Sink.Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail:Security"] = "None";
        settings["Mail:From"] = "Portal <noreply@portal.example>";
        settings["Smtp:ReplyRetrySeconds"] = "1";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
