using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

public sealed partial class SmppServerTests
{
    [Fact]
    public async Task ThousandsOfRandomAndMutatedPdusNeitherStopTheServerNorOtherSessionsNorLeakConnections()
    {
        var account = await EnglishAccountAsync(credits: 100_000);
        await using var good = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await good.BindAsync(SmppCommand.BindTransceiver, account.ApiId, account.ApiKey));
        var openBefore = fixture.Status.OpenConnections;
        var samples = Samples(account.ApiId, account.ApiKey);
        var sent = 0;

        var goodSubmits = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var answer = await good.SubmitAsync("1381234" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), "Your code is 42, valid for 5 minutes.", registeredDelivery: 0);
                Assert.True(answer.IsOk, answer.Detail);
            }
        });

        var fuzzers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var rng = new Random(worker * 7919 + 1);
            for (var connection = 0; connection < 12; connection++)
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync("127.0.0.1", fixture.Port);
                var drain = DrainAsync(socket);
                try
                {
                    if (connection % 2 == 1)
                    {
                        await socket.SendAsync(samples[0]); // a real bind first: the garbage then meets a bound session
                    }

                    for (var i = 0; i < 90; i++)
                    {
                        var frame = rng.Next(4) switch
                        {
                            0 => RandomBytes(rng, rng.Next(1, 64)),
                            1 => WithHeader(rng, RandomBytes(rng, rng.Next(0, 80))),
                            _ => Mutate(rng, samples[rng.Next(samples.Count)]),
                        };
                        await socket.SendAsync(frame);
                        Interlocked.Increment(ref sent);
                    }
                }
                catch (SocketException)
                {
                    // the server closed the connection on us: what it should do with lost framing
                }

                socket.Shutdown(SocketShutdown.Both);
                socket.Close();
                await drain;
            }
        })).ToList();
        await Task.WhenAll(fuzzers);
        await goodSubmits;

        Assert.True(sent > 3000, $"only {sent} PDUs sent");
        Assert.True(good.Session.IsOpen);
        Assert.True((await good.SubmitAsync("13812340099", "Your code is 43, valid for 5 minutes.", registeredDelivery: 0)).IsOk);
        var clock = Stopwatch.StartNew();
        while (fixture.Status.OpenConnections > openBefore)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{fixture.Status.OpenConnections - openBefore} connection(s) left open after the fuzzers closed theirs");
            await Task.Delay(50);
        }

        await using var fresh = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await fresh.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
    }

    private static async Task DrainAsync(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // closed
        }
    }

    private static List<byte[]> Samples(string apiId, string apiKey)
    {
        var bind = new List<byte>();
        foreach (var field in new[] { apiId, apiKey, "" })
        {
            bind.AddRange(Encoding.ASCII.GetBytes(field));
            bind.Add(0);
        }

        bind.AddRange(new byte[] { 0x34, 0, 0, 0 });
        var submit = new SubmitSmPdu { Sequence = 2, DestinationAddress = "13800138000", EsmClass = 0x40, ShortMessage = [5, 0, 3, 9, 2, 1, .. Encoding.ASCII.GetBytes("Your code is 1")] };
        submit.SetUInt16(SmppTlvTag.SarMsgRefNum, 7);
        var data = new DataSmPdu { Sequence = 3, DestinationAddress = "13800138000" };
        data.SetTlv(SmppTlvTag.MessagePayload, Encoding.ASCII.GetBytes("Your code is 2, valid for 5 minutes."));
        return
        [
            SmppCodec.Encode(new RawPdu(SmppCommand.BindTransceiver, [.. bind]) { Sequence = 1 }),
            SmppCodec.Encode(submit),
            SmppCodec.Encode(data),
            SmppCodec.Encode(new EmptyPdu(SmppCommand.EnquireLink) { Sequence = 4 }),
            SmppCodec.Encode(new QuerySmPdu { Sequence = 5, MessageId = "1" }),
            SmppCodec.Encode(new DeliverSmPdu { Sequence = 6, ShortMessage = [1, 2, 3] }),
            SmppCodec.Encode(new MessageIdRespPdu(SmppCommand.DeliverSmResp) { Sequence = 7, MessageId = "" }),
        ];
    }

    private static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    // A plausible header (right length, a known or random command id) over a random body.
    private static byte[] WithHeader(Random rng, byte[] body)
    {
        var frame = new byte[16 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        uint[] commands = [0x01, 0x02, 0x04, 0x05, 0x06, 0x09, 0x15, 0x103, 0x80000005, 0x80000000, (uint)rng.Next()];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), commands[rng.Next(commands.Length)]);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), (uint)rng.Next());
        body.CopyTo(frame, 16);
        return frame;
    }

    // A real PDU with a few octets changed, cut short or lengthened; the length field is kept right half the time.
    private static byte[] Mutate(Random rng, byte[] sample)
    {
        var frame = sample.ToArray();
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            frame[rng.Next(frame.Length)] = (byte)rng.Next(256);
        }

        if (rng.Next(4) == 0)
        {
            frame = frame[..rng.Next(16, frame.Length + 1)];
        }
        else if (rng.Next(4) == 0)
        {
            frame = [.. frame, .. RandomBytes(rng, rng.Next(1, 20))];
        }

        if (rng.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        }

        return frame;
    }
}
