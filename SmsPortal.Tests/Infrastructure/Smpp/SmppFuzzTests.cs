using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Tests.Infrastructure.Smpp;

/// <summary>
/// Thousands of random and mutated PDUs into the decoder and into live sessions: the decoder fails only with its own
/// error and round-trips whatever it accepts; a session answers or closes, within bounded time and memory.
/// </summary>
public sealed class SmppFuzzTests
{
    private static readonly byte[][] Valid = SmppSamples.All().Select(SmppCodec.Encode).ToArray();

    /// <summary>Mutations of valid encodings: flipped bytes, truncation, wrong/huge lengths, unknown ids, random noise.</summary>
    private static byte[] Mutate(Random random)
    {
        var source = Valid[random.Next(Valid.Length)];
        var frame = (byte[])source.Clone();
        switch (random.Next(9))
        {
            case 0:
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    frame[random.Next(frame.Length)] ^= (byte)random.Next(1, 256);
                }
                break;
            case 1:
                frame = frame[..random.Next(0, frame.Length)];
                break;
            case 2:
                BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)random.Next(0, frame.Length + 40));
                break;
            case 3:
                BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)random.Next(int.MaxValue));
                break;
            case 4:
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)random.Next());
                break;
            case 5:
                frame = [.. frame, .. RandomBytes(random, random.Next(1, 30))];
                BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
                break;
            case 6:
                frame = RandomBytes(random, random.Next(0, 80));
                if (frame.Length >= 4 && random.Next(2) == 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
                }
                break;
            case 7:
                if (frame.Length > SmppHeader.Size)
                {
                    var at = random.Next(SmppHeader.Size, frame.Length);
                    frame[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                }
                break;
            default:
                // Keep the header, scramble the body.
                for (var i = SmppHeader.Size; i < frame.Length; i++)
                {
                    if (random.Next(8) == 0)
                    {
                        frame[i] = (byte)random.Next(256);
                    }
                }
                break;
        }
        return frame;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static bool IsValidResponse(byte[] frame)
    {
        try
        {
            return SmppCodec.Decode(frame, 4096).IsResponse;
        }
        catch (SmppDecodeException)
        {
            return false;
        }
    }

    [Fact]
    public void TheDecoderFailsOnlyWithItsOwnErrorAndRoundTripsWhatItAccepts()
    {
        var random = new Random(20250101);
        int accepted = 0, refused = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var frame = Mutate(random);
            SmppPdu pdu;
            try
            {
                pdu = SmppCodec.Decode(frame);
            }
            catch (SmppDecodeException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.NotEqual(SmppStatus.Ok, error.Status);
                refused++;
                continue;
            }
            accepted++;
            Assert.Equal(frame, SmppCodec.Encode(pdu));
        }
        Assert.True(accepted > 1000, $"only {accepted} mutations decoded");
        Assert.True(refused > 10_000, $"only {refused} mutations refused");
    }

    [Fact]
    public async Task ALiveSessionNacksOrClosesOnGarbageAndNeverHangs()
    {
        var random = new Random(4711);
        var sessions = new List<SmppSession>();
        var stopwatch = Stopwatch.StartNew();
        int nacked = 0, closed = 0, answered = 0, written = 0;
        var before = GC.GetTotalMemory(true);
        for (var round = 0; round < 1000; round++)
        {
            var (client, server) = await SmppSamples.ConnectedPairAsync();
            SmppSession session;
            using (client)
            using (server)
            {
                session = new SmppSession(server.GetStream(), new SmppSessionOptions
                {
                    Name = "fuzz" + round,
                    InactivityTimeout = TimeSpan.FromSeconds(5),
                    EnquireLinkInterval = TimeSpan.Zero,
                    MaxPduLength = 4096,
                }, (s, request, _) => ValueTask.FromResult<SmppPdu?>(request.CreateResponse()), NullLogger.Instance);
                session.Start();
                sessions.Add(session);
                var peer = client.GetStream();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                for (var i = 0; i < 50 && session.IsOpen; i++)
                {
                    var frame = Mutate(random);
                    if (frame.Length >= 4 && random.Next(5) != 0)
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length); // mostly keep the framing, to reach the bodies
                    }
                    var declared = frame.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(frame) : 0;
                    try
                    {
                        await peer.WriteAsync(frame, timeout.Token);
                        written++;
                    }
                    catch (IOException)
                    {
                        closed++;
                        break;
                    }
                    if (frame.Length < 4 || declared != frame.Length)
                    {
                        // Framing no longer matches what was written: the session may wait for more or close; move on.
                        break;
                    }
                    if (IsValidResponse(frame))
                    {
                        continue; // a response to nothing is logged, not answered
                    }
                    byte[]? answer;
                    try
                    {
                        answer = await SmppSamples.ReadFrameAsync(peer, timeout.Token);
                    }
                    catch (IOException)
                    {
                        answer = null;
                    }
                    if (answer is null)
                    {
                        closed++;
                        break;
                    }
                    var header = SmppHeader.Read(answer);
                    if (header.CommandId == (uint)SmppCommand.GenericNack)
                    {
                        nacked++;
                    }
                    else
                    {
                        answered++;
                    }
                    if (frame.Length >= SmppHeader.Size && SmppCommands.IsResponse(BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4))) && header.CommandId != (uint)SmppCommand.GenericNack)
                    {
                        Assert.Fail("a response was answered with something other than a generic_nack");
                    }
                }
            }
            // The peer is gone: the session must notice and end, quickly.
            await session.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        }
        Assert.All(sessions, s => Assert.False(s.IsOpen));
        Assert.All(sessions, s => Assert.Equal(0, s.InFlight));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(40), $"took {stopwatch.Elapsed}");
        // Ten bad PDUs in a row close a session, so each round sees a handful before it ends.
        Assert.True(written > 4000 && nacked + answered > 2000, $"written {written}, nacked {nacked}, answered {answered}, closed {closed}");
        sessions.Clear();
        var after = GC.GetTotalMemory(true);
        Assert.True(after - before < 20 * 1024 * 1024, $"memory grew by {(after - before) / 1024} KiB");
    }

    [Fact]
    public async Task AClientSessionSurvivesAnSmscThatAnswersGarbage()
    {
        var random = new Random(99);
        for (var round = 0; round < 20; round++)
        {
            var (client, server) = await SmppSamples.ConnectedPairAsync();
            using (client)
            using (server)
            {
                await using var session = new SmppSession(client.GetStream(), new SmppSessionOptions
                {
                    Name = "client" + round,
                    RequestTimeout = TimeSpan.FromMilliseconds(500),
                    EnquireLinkInterval = TimeSpan.Zero,
                }, (s, request, _) => ValueTask.FromResult<SmppPdu?>(request.CreateResponse()), NullLogger.Instance);
                session.Start();
                var smsc = server.GetStream();
                var garbage = Task.Run(async () =>
                {
                    try
                    {
                        while (await SmppSamples.ReadFrameAsync(smsc, CancellationToken.None) is { } request)
                        {
                            var frame = Mutate(random);
                            if (frame.Length >= SmppHeader.Size)
                            {
                                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), SmppHeader.Read(request).Sequence);
                            }
                            await smsc.WriteAsync(frame);
                        }
                    }
                    catch (Exception exception) when (exception is IOException or ObjectDisposedException)
                    {
                        // the session closed on us
                    }
                });
                var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
                    session.SendRequestAsync(new SubmitSmPdu { SourceAddress = "1", DestinationAddress = "2", ShortMessage = [65] }, CancellationToken.None)));
                Assert.All(results, r => Assert.True(r.Outcome is SmppRequestOutcome.Answered or SmppRequestOutcome.TimedOut
                    or SmppRequestOutcome.ConnectionLost or SmppRequestOutcome.NotSent));
                Assert.Equal(0, session.InFlight);
                session.Close("done");
                server.Close();
                await garbage.WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
    }
}
