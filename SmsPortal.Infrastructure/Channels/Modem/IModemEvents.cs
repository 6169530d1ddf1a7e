using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>What a modem reports on its own: status reports and handsets' messages.</summary>
internal interface IModemEvents
{
    Task StatusReportAsync(AtModem modem, StatusReportPdu report, string raw, CancellationToken cancellationToken);

    Task DeliverAsync(AtModem modem, DeliverPdu message, string raw, CancellationToken cancellationToken);
}
