using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SmsPortal.Tests.Support;

/// <summary>
/// The in-memory test server has no caller address; a test names one with the X-Test-Client-Ip header (or
/// gets 127.0.0.1), so IP binding is checked as it would be behind a real socket. Only the tests add this.
/// </summary>
internal sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Ip";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Connection.RemoteIpAddress is null)
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address)
                    ? address
                    : IPAddress.Loopback;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
