using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Modem;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Modem;

/// <summary>The AT engine over an in-memory pipe, with a scripted modem that answers one byte at a time.</summary>
public sealed class AtEnginePipeTests
{
    [Fact]
    public async Task AnswersSplitIntoSingleBytesStillMakeWholeLinesAndPrompts()
    {
        var toModem = new Pipe();
        var fromModem = new Pipe();
        using var stop = new CancellationTokenSource();
        var modem = Task.Run(() => ScriptedModemAsync(toModem.Reader, fromModem.Writer, stop.Token));
        var options = ModemOptions.From("pipe", new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Device"] = "pipe0", ["MaxPerMinute"] = "0" }).Build());
        var events = new RecordingUpstreamEvents();
        var channel = new ModemChannel("pipe", options, events, TimeProvider.System, NullLoggerFactory.Instance,
            (_, _) => new PipeLink(new DuplexStream(fromModem.Reader.AsStream(), toModem.Writer.AsStream())));
        await using (channel)
        {
            await channel.StartAsync(CancellationToken.None);
            await Eventually.HoldsAsync(() => channel.Status.Up, TimeSpan.FromSeconds(10), () => channel.Status.State);

            var answer = await channel.SubmitAsync(new OutboundMessage(1, "S1", "13800138000", "hi", 1), CancellationToken.None);

            Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
            Assert.StartsWith("pipe0:7:", answer.UpstreamId, StringComparison.Ordinal);
            Assert.Equal("1/1 up; pipe0 -83 dBm", channel.Status.State);
        }

        await stop.CancelAsync();
        await modem;
    }

    private static async Task ScriptedModemAsync(PipeReader input, PipeWriter output, CancellationToken stop)
    {
        async Task SayAsync(string text)
        {
            foreach (var b in Encoding.ASCII.GetBytes(text))
            {
                await output.WriteAsync(new[] { b }, stop);
            }
        }

        var line = new StringBuilder();
        var inPdu = false;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(stop);
                var bytes = read.Buffer.ToArray();
                input.AdvanceTo(read.Buffer.End);
                foreach (var b in bytes)
                {
                    var c = (char)b;
                    if (inPdu && c == '\u001a')
                    {
                        inPdu = false;
                        line.Clear();
                        await SayAsync("\r\n+CMGS: 7\r\n\r\nOK\r\n");
                    }
                    else if (!inPdu && c == '\r')
                    {
                        var command = line.ToString().Trim('\u001b');
                        line.Clear();
                        if (command.StartsWith("AT+CMGS=", StringComparison.Ordinal))
                        {
                            inPdu = true;
                            await SayAsync("\r\n> ");
                        }
                        else
                        {
                            await SayAsync(command switch
                            {
                                "AT+CPIN?" => "\r\n+CPIN: READY\r\n\r\nOK\r\n",
                                "AT+CSQ" => "\r\n+CSQ: 15,99\r\n\r\nOK\r\n",
                                _ => "\r\nOK\r\n",
                            });
                        }
                    }
                    else
                    {
                        line.Append(c);
                    }
                }

                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }

    private sealed class PipeLink(Stream stream) : IModemLink
    {
        public Stream Stream => stream;

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }

    private sealed class DuplexStream(Stream read, Stream write) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => write.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => write.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => read.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => read.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => write.WriteAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => write.Write(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                read.Dispose();
                write.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
