using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Tests.Support;

/// <summary>Writes every log line, its structured values and exception included, into a queue.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

    public void Dispose()
    {
    }
}
