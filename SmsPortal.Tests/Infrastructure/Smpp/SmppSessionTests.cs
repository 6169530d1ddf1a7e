using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp;

public sealed class SmppSessionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static SmppSession Start(Stream stream, SmppSessionOptions options, SmppRequestHandler? handler = null)
    {
        var session = new SmppSession(stream, options, handler ?? ((s, r, _) => ValueTask.FromResult<SmppPdu?>(r.CreateResponse())), NullLogger.Instance);
        session.Start();
        return session;
    }

    private static SmppSessionOptions Quiet(string name) => new() { Name = name, EnquireLinkInterval = TimeSpan.Zero };

    [Fact]
    public async Task TwoSessionsExchangeRequestsWithinTheWindow()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            var maxConcurrent = 0;
            var current = 0;
            await using var smsc = Start(server.GetStream(), Quiet("smsc"), async (s, request, _) =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref maxConcurrent, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref current);
                var response = (MessageIdRespPdu)request.CreateResponse();
                response.MessageId = "id" + request.Sequence;
                return response;
            });
            await using var esme = Start(client.GetStream(), new SmppSessionOptions { Name = "esme", Window = 4, EnquireLinkInterval = TimeSpan.Zero });
            var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
                esme.SendRequestAsync(new SubmitSmPdu { SourceAddress = "1", DestinationAddress = "2" }, CancellationToken.None)));
            Assert.All(results, r => Assert.True(r.IsOk));
            Assert.Equal(40, results.Select(r => ((MessageIdRespPdu)r.Response!).MessageId).Distinct().Count());
            Assert.InRange(maxConcurrent, 1, 4);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task ARequestWithoutAnswerTimesOutAndALostConnectionIsNotNotSent()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            await using var esme = Start(client.GetStream(), new SmppSessionOptions { Name = "esme", RequestTimeout = TimeSpan.FromSeconds(1), EnquireLinkInterval = TimeSpan.Zero });
            var request = esme.SendRequestAsync(new SubmitSmPdu(), CancellationToken.None);
            Assert.NotNull(await SmppSamples.ReadFrameAsync(server.GetStream(), CancellationToken.None).WaitAsync(Wait)); // it left, never answered
            Assert.Equal(SmppRequestOutcome.TimedOut, (await request.WaitAsync(Wait)).Outcome);
            Assert.Equal(0, esme.InFlight);

            var slow = new SmppSessionOptions { Name = "esme2", RequestTimeout = TimeSpan.FromSeconds(30), EnquireLinkInterval = TimeSpan.Zero };
            var (client2, server2) = await SmppSamples.ConnectedPairAsync();
            using (client2)
            {
                await using var esme2 = Start(client2.GetStream(), slow);
                var pending = esme2.SendRequestAsync(new SubmitSmPdu(), CancellationToken.None);
                Assert.NotNull(await SmppSamples.ReadFrameAsync(server2.GetStream(), CancellationToken.None).WaitAsync(Wait));
                server2.Dispose();
                var lost = await pending.WaitAsync(Wait);
                Assert.Equal(SmppRequestOutcome.ConnectionLost, lost.Outcome);
                Assert.Equal(SmppRequestOutcome.NotSent, (await esme2.SendRequestAsync(new SubmitSmPdu(), CancellationToken.None)).Outcome);
            }
        }
    }

    [Fact]
    public async Task AnswersEnquireLinkAndNacksUnknownCommandsWithTheirSequence()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            await using var session = Start(server.GetStream(), Quiet("smsc"));
            var peer = client.GetStream();
            await peer.WriteAsync(SmppCodec.Encode(new EmptyPdu(SmppCommand.EnquireLink) { Sequence = 77 }));
            var answer = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(peer, CancellationToken.None).WaitAsync(Wait));
            Assert.Equal(SmppCommand.EnquireLinkResp, answer.Command);
            Assert.Equal(77u, answer.Sequence);

            var unknown = SmppCodec.Encode(new EmptyPdu(SmppCommand.EnquireLink) { Sequence = 78 });
            BinaryPrimitives.WriteUInt32BigEndian(unknown.AsSpan(4), 0x00000021); // submit_multi: not supported
            await peer.WriteAsync(unknown);
            var nack = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(peer, CancellationToken.None).WaitAsync(Wait));
            Assert.Equal(SmppCommand.GenericNack, nack.Command);
            Assert.Equal(SmppStatus.InvalidCommandId, nack.Status);
            Assert.Equal(78u, nack.Sequence);

            var badAddress = SmppCodec.Encode(new SubmitSmPdu { Sequence = 79, SourceAddress = "1", DestinationAddress = "2" });
            var at = Array.IndexOf(badAddress, (byte)'2', SmppHeader.Size);
            badAddress[at + 1] = (byte)'3'; // destination_addr loses its NUL and runs into esm_class...
            for (var i = at + 1; i < badAddress.Length; i++)
            {
                badAddress[i] = (byte)'3';
            }
            await peer.WriteAsync(badAddress);
            var refused = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(peer, CancellationToken.None).WaitAsync(Wait));
            Assert.Equal(SmppCommand.SubmitSmResp, refused.Command);
            Assert.Equal(SmppStatus.InvalidDestinationAddress, refused.Status);
            Assert.True(session.IsOpen);
        }
    }

    [Fact]
    public async Task AnImpossibleLengthIsNackedAndClosed()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            await using var session = Start(server.GetStream(), Quiet("smsc"));
            var peer = client.GetStream();
            var huge = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(huge, 0x7FFFFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(huge.AsSpan(12), 5);
            await peer.WriteAsync(huge);
            var nack = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(peer, CancellationToken.None).WaitAsync(Wait));
            Assert.Equal(SmppStatus.InvalidCommandLength, nack.Status);
            Assert.Equal(5u, nack.Sequence);
            await session.Completion.WaitAsync(Wait);
            Assert.Contains("framing", session.CloseReason, StringComparison.Ordinal);
            Assert.Null(await SmppSamples.ReadFrameAsync(peer, CancellationToken.None).WaitAsync(Wait));
        }
    }

    [Fact]
    public async Task SendsEnquireLinkWhenIdleAndClosesWhenThePeerStaysSilent()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            await using var session = Start(client.GetStream(), new SmppSessionOptions
            {
                Name = "esme",
                EnquireLinkInterval = TimeSpan.FromMilliseconds(100),
                RequestTimeout = TimeSpan.FromSeconds(2),
                InactivityTimeout = TimeSpan.FromSeconds(5),
            });
            var enquire = SmppCodec.Decode(await SmppSamples.ReadFrameAsync(server.GetStream(), CancellationToken.None).WaitAsync(Wait));
            Assert.Equal(SmppCommand.EnquireLink, enquire.Command);
            await server.GetStream().WriteAsync(SmppCodec.Encode(enquire.CreateResponse()));
            // Next one is never answered: the session gives up on the link.
            Assert.NotNull(await SmppSamples.ReadFrameAsync(server.GetStream(), CancellationToken.None).WaitAsync(Wait));
            await session.Completion.WaitAsync(Wait);
            Assert.Equal("enquire_link unanswered", session.CloseReason);
        }
    }

    [Fact]
    public async Task ClosesAfterInactivityWithoutEnquireLink()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            await using var session = Start(server.GetStream(), new SmppSessionOptions { Name = "smsc", EnquireLinkInterval = TimeSpan.Zero, InactivityTimeout = TimeSpan.FromMilliseconds(200) });
            await session.Completion.WaitAsync(Wait);
            Assert.StartsWith("nothing received", session.CloseReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnbindWorksBothWays()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            await using var smsc = Start(server.GetStream(), Quiet("smsc"));
            await using var esme = Start(client.GetStream(), Quiet("esme"));
            await esme.UnbindAsync().WaitAsync(Wait);
            await smsc.Completion.WaitAsync(Wait);
            Assert.Equal("unbound by the peer", smsc.CloseReason);
            Assert.Equal("unbound by this side", esme.CloseReason);
        }
    }

    [Fact]
    public async Task AFailingHandlerAnswersSystemErrorAndTheSessionGoesOn()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            await using var smsc = Start(server.GetStream(), Quiet("smsc"), (s, r, _) => throw new InvalidOperationException("boom"));
            await using var esme = Start(client.GetStream(), Quiet("esme"));
            var result = await esme.SendRequestAsync(new SubmitSmPdu(), CancellationToken.None);
            Assert.Equal(SmppStatus.SystemError, result.Status);
            Assert.True(smsc.IsOpen);
        }
    }

    [Fact]
    public async Task RequestsBeyondTheBoundAreThrottledAtOnceWhileResponsesAreStillRead()
    {
        var (client, server) = await SmppSamples.ConnectedPairAsync();
        using (client)
        using (server)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = 0;
            var options = Quiet("esme");
            options.MaxConcurrentIncoming = 2;
            await using var esme = Start(client.GetStream(), options, async (s, request, _) =>
            {
                Interlocked.Increment(ref started);
                await release.Task; // storing the receipt
                return request.CreateResponse();
            });
            await using var smsc = Start(server.GetStream(), Quiet("smsc"));
            var stored = Enumerable.Range(0, 2).Select(_ => smsc.SendRequestAsync(new DeliverSmPdu { SourceAddress = "1", DestinationAddress = "2" }, CancellationToken.None)).ToArray();
            await Eventually.HoldsAsync(() => Volatile.Read(ref started) == 2, Wait, "two receipts being stored");

            var throttled = await smsc.SendRequestAsync(new DeliverSmPdu { SourceAddress = "1", DestinationAddress = "2" }, CancellationToken.None).WaitAsync(Wait);
            Assert.Equal(SmppRequestOutcome.Answered, throttled.Outcome);
            Assert.Equal(SmppStatus.Throttled, throttled.Status);
            Assert.Equal(1, esme.IncomingThrottled);

            // The read loop goes on: the peer's answers to this side's requests arrive while the handlers still run.
            var submit = await esme.SendRequestAsync(new SubmitSmPdu { SourceAddress = "1", DestinationAddress = "2" }, CancellationToken.None).WaitAsync(Wait);
            Assert.True(submit.IsOk, submit.Detail);
            Assert.All(stored, s => Assert.False(s.IsCompleted)); // each answer waits for its handler
            Assert.Equal(2, esme.IncomingInProgress);

            release.SetResult();
            var answers = await Task.WhenAll(stored).WaitAsync(Wait);
            Assert.All(answers, a => Assert.True(a.IsOk, a.Detail));
            await Eventually.HoldsAsync(() => esme.IncomingInProgress == 0, Wait, "the handlers to finish");
            var again = await smsc.SendRequestAsync(new DeliverSmPdu { SourceAddress = "1", DestinationAddress = "2" }, CancellationToken.None).WaitAsync(Wait);
            Assert.True(again.IsOk, again.Detail);
        }
    }
}
