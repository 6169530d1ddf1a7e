using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Smpp;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp;

/// <summary>An SMSC that binds the channel properly and then sends garbage: the channel nacks or reconnects and still works.</summary>
public sealed class SmppChannelFuzzTests
{
    [Fact]
    public async Task TheChannelSurvivesAnSmscThatSendsThousandsOfMutatedPdus()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var events = new RecordingUpstreamEvents();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host"] = "127.0.0.1", ["Port"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture),
            ["SystemId"] = "fuzz", ["ReconnectMinSeconds"] = "0", ["ReconnectMaxSeconds"] = "1",
        }).Build();
        await using var channel = new SmppChannelFactory(new ServiceCollection().AddSingleton<IUpstreamEvents>(events).BuildServiceProvider(),
            TimeProvider.System, NullLoggerFactory.Instance).Create("fuzz", settings);
        await channel.StartAsync(CancellationToken.None);

        var random = new Random(12345);
        var samples = SmppSamples.All().Where(p => p is DeliverSmPdu or DataSmPdu or EmptyPdu).Select(SmppCodec.Encode).ToArray();
        var sent = 0;
        var connections = 0;
        while (sent < 3000)
        {
            using var smsc = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
            connections++;
            var stream = smsc.GetStream();
            var bind = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(stream, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
            await stream.WriteAsync(SmppCodec.Encode(new BindRespPdu(SmppCommands.ResponseOf(bind.Command)) { Sequence = bind.Sequence, SystemId = "smsc" }));
            var reading = Task.Run(async () =>
            {
                try
                {
                    while (await SmppSamples.ReadFrameAsync(stream, CancellationToken.None) is not null)
                    {
                    }
                }
                catch (Exception exception) when (exception is IOException or ObjectDisposedException)
                {
                    // the channel closed this connection
                }
            });
            try
            {
                for (var i = 0; i < 500; i++, sent++)
                {
                    var frame = (byte[])samples[random.Next(samples.Length)].Clone();
                    for (var flips = random.Next(0, 4); flips > 0; flips--)
                    {
                        frame[random.Next(4, frame.Length)] ^= (byte)random.Next(1, 256);
                    }
                    if (random.Next(50) == 0)
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)random.Next());
                    }
                    await stream.WriteAsync(frame);
                }
            }
            catch (IOException)
            {
                // closed by the channel: it reconnects, the next round accepts it
            }
            await Task.WhenAny(reading, Task.Delay(200));
        }
        Assert.True(connections >= 1);

        // After all that, a clean connection: the channel binds again and reports a well-formed receipt.
        using var clean = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var cleanStream = clean.GetStream();
        var rebind = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(cleanStream, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        await cleanStream.WriteAsync(SmppCodec.Encode(new BindRespPdu(SmppCommands.ResponseOf(rebind.Command)) { Sequence = rebind.Sequence, SystemId = "smsc" }));
        var receipt = new DeliverSmPdu
        {
            Sequence = 900_000, SourceAddress = "13800138000", DestinationAddress = "106900", EsmClass = ShortMessagePdu.EsmDeliveryReceipt,
            ShortMessage = "id:abc123 sub:001 dlvrd:001 submit date:2501011200 done date:2501011201 stat:DELIVRD err:000 text:"u8.ToArray(),
        };
        await cleanStream.WriteAsync(SmppCodec.Encode(receipt));
        SmppPdu answer;
        do
        {
            answer = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(cleanStream, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        }
        while (answer.Sequence != 900_000);
        Assert.Equal(SmppCommand.DeliverSmResp, answer.Command);
        Assert.Equal(SmppStatus.Ok, answer.Status);
        Assert.Contains(events.Receipts, r => r.UpstreamId == "abc123" && r.Delivered);
        Assert.True(channel.Status.Up);
    }
}
