namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>What a modem reports on its own: status reports and handsets' messages.</summary>
internal interface IModemEvents
{
    Task StatusReportAsync(AtModem modem, StatusReportPdu report, string raw, CancellationToken cancellationToken);

    Task DeliverAsync(AtModem modem, DeliverPdu message, string raw, CancellationToken cancellationToken);
}
