using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>A final result and the lines before it.</summary>
internal sealed record AtResponse(string Final, IReadOnlyList<string> Lines)
{
    public bool Ok => Final == "OK";
}
