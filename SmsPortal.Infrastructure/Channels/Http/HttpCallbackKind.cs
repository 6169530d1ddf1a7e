using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Infrastructure.Channels.Http;

internal enum HttpCallbackKind
{
    Receipt,
    Reply,
}
