using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

/// <summary>The SMPP door under abuse (connection floods, sprayed passwords, parts that never complete) and after a key rotation, through real sockets.</summary>
public sealed class SmppServerGuardTests(SmppGuardedPortal fixture) : IClassFixture<SmppGuardedPortal>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private PortalFactory Portal => fixture.Portal;

    private Task<TestAccounts.Made> SendingAccountAsync() => TestAccounts.CreateAsync(Portal, 1000, verified: true, paid: true, signatures: ["Acme"],
        templates: [("code", "Your code is 【code】, valid for 5 minutes.", TemplateKind.VerificationCode)]);

    private async Task<TcpClient> RawAsync(string from)
    {
        var tcp = new TcpClient(new IPEndPoint(IPAddress.Parse(from), 0));
        await tcp.ConnectAsync("127.0.0.1", fixture.Port);
        return tcp;
    }

    /// <summary>Completes when the server has closed the connection (end of stream or reset).</summary>
    private static async Task ClosedByServerAsync(TcpClient tcp)
    {
        var buffer = new byte[256];
        try
        {
            while (await tcp.GetStream().ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // reset: closed as well
        }
    }

    [Fact]
    public async Task AnAbusiveAddressIsCappedSlowedAndLockedOutWhileAWellBehavedClientStillBindsAndSubmits()
    {
        const string abuser = "127.0.0.2";
        var victim = await TestAccounts.CreateAsync(Portal);
        var customer = await SendingAccountAsync();

        // A flood of connections: only PerAddress are held, the rest are closed at once (well before the 5 s bind deadline).
        var flood = new List<TcpClient>();
        for (var i = 0; i < SmppGuardedPortal.PerAddress * 3; i++)
        {
            flood.Add(await RawAsync(abuser));
        }

        await Task.WhenAll(flood.Skip(SmppGuardedPortal.PerAddress).Select(ClosedByServerAsync)).WaitAsync(TimeSpan.FromSeconds(1.5));

        // While the abuser holds its share, the well-behaved client binds and submits.
        await using (var early = await fixture.ConnectAsync())
        {
            Assert.Equal(SmppStatus.Ok, await early.BindAsync(SmppCommand.BindTransmitter, customer.ApiId, customer.ApiKey));
            var answer = await early.SubmitAsync("13800138000", "Your code is 1, valid for 5 minutes.", registeredDelivery: 0);
            Assert.True(answer.IsOk, answer.Detail);
        }

        // The held ones never bind: closed after the bind deadline (5 s here), not after 30 s.
        await Task.WhenAll(flood.Take(SmppGuardedPortal.PerAddress).Select(ClosedByServerAsync)).WaitAsync(TimeSpan.FromSeconds(10));
        flood.ForEach(c => c.Dispose());

        // Sprayed passwords: each refusal comes later than the one before, and closes the connection.
        for (var failure = 1; failure <= SmppGuardedPortal.LockoutFailures; failure++)
        {
            await using var spray = await fixture.ConnectAsync(from: abuser);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(SmppStatus.InvalidPassword, await spray.BindAsync(SmppCommand.BindTransmitter, victim.ApiId, "guess" + failure));
            var expected = SmppGuardedPortal.FailureDelayMilliseconds * (1 << (failure - 1));
            Assert.True(watch.ElapsedMilliseconds >= expected * 0.9, $"failure {failure} answered after {watch.ElapsedMilliseconds} ms, expected {expected}");
            await spray.Session.Completion.WaitAsync(Wait);
        }

        // Locked out: the right password no longer helps, from that address or for that system_id from anywhere.
        await using (var rightKey = await fixture.ConnectAsync(from: abuser))
        {
            Assert.Equal(SmppStatus.BindFailed, await rightKey.BindAsync(SmppCommand.BindTransmitter, victim.ApiId, victim.ApiKey));
            await rightKey.Session.Completion.WaitAsync(Wait);
        }

        await using (var otherAccount = await fixture.ConnectAsync(from: abuser))
        {
            Assert.Equal(SmppStatus.BindFailed, await otherAccount.BindAsync(SmppCommand.BindTransmitter, customer.ApiId, customer.ApiKey));
        }

        await using (var victimElsewhere = await fixture.ConnectAsync(from: "127.0.0.5"))
        {
            Assert.Equal(SmppStatus.BindFailed, await victimElsewhere.BindAsync(SmppCommand.BindTransmitter, victim.ApiId, victim.ApiKey));
        }

        // The well-behaved client, from its own address and with its own system_id, is untouched.
        await using var good = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await good.BindAsync(SmppCommand.BindTransceiver, customer.ApiId, customer.ApiKey));
        var submitted = await good.SubmitAsync("13800138001", "Your code is 2, valid for 5 minutes.", registeredDelivery: 0);
        Assert.True(submitted.IsOk, submitted.Detail);
        Assert.Equal(2, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == customer.Id)));
    }

    [Fact]
    public async Task PartsThatNeverCompleteAreRefusedWithMessageQueueFullOnceTheBindsOrTheAccountsBytesAreUsed()
    {
        var account = await SendingAccountAsync();
        await using var first = await fixture.ConnectAsync(from: "127.0.0.3");
        await using var second = await fixture.ConnectAsync(from: "127.0.0.3");
        Assert.Equal(SmppStatus.Ok, await first.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
        Assert.Equal(SmppStatus.Ok, await second.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
        var text = string.Concat(Enumerable.Repeat("Your code is 1234, valid for 5 minutes. ", 6)); // 240 GSM characters: 2 parts
        var probe = new SubmitSmPdu();
        SmsText.Split(text, new SmsEncodingOptions(), 0)[0].ApplyTo(probe);
        var size = SmsIncomingPart.From(probe).Content.Length;

        // First parts of messages whose second part never comes, each held in memory.
        async Task<(int Held, uint Refusal)> FillAsync(TestEsme esme, int from)
        {
            for (var reference = from; reference < from + 40; reference++)
            {
                var parts = SmsText.Split(text, new SmsEncodingOptions(), reference);
                Assert.Equal(2, parts.Count);
                var answer = await esme.SendAsync("13800138000", parts[0], registeredDelivery: 0);
                if (!answer.IsOk)
                {
                    return (reference - from, answer.Status!.Value);
                }
            }

            return (40, SmppStatus.Ok);
        }

        var (heldFirst, refusedFirst) = await FillAsync(first, 1);
        Assert.Equal(SmppStatus.MessageQueueFull, refusedFirst);
        Assert.Equal(SmppGuardedPortal.PartBytesPerBind / size, heldFirst);

        // The second bind has its own 2,000 octets, but the account only 3,000 in all.
        var (heldSecond, refusedSecond) = await FillAsync(second, 101);
        Assert.Equal(SmppStatus.MessageQueueFull, refusedSecond);
        Assert.Equal((SmppGuardedPortal.PartBytesPerAccount / size) - heldFirst, heldSecond);
        Assert.Equal(0, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
    }

    [Fact]
    public async Task BindsMadeWithAKeyThatWasRotatedOrRevokedAreUnbound()
    {
        const string from = "127.0.0.4";
        var rotated = await TestAccounts.CreateAsync(Portal);
        var revoked = await TestAccounts.CreateAsync(Portal);
        var later = await TestAccounts.CreateAsync(Portal);
        await using var rotatedBind = await fixture.ConnectAsync(from: from);
        await using var revokedBind = await fixture.ConnectAsync(from: from);
        Assert.Equal(SmppStatus.Ok, await rotatedBind.BindAsync(SmppCommand.BindTransceiver, rotated.ApiId, rotated.ApiKey));
        Assert.Equal(SmppStatus.Ok, await revokedBind.BindAsync(SmppCommand.BindReceiver, revoked.ApiId, revoked.ApiKey));

        // One key rotated on this node, the other revoked straight in the database (as another node sharing it would).
        var newKey = await Portal.Service<AccountService>().RotateKeyAsync(rotated.Id, CancellationToken.None);
        await fixture.QueryAsync(db => db.ApiKeys.Where(k => k.AccountId == revoked.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow)));

        await rotatedBind.Session.Completion.WaitAsync(Wait);
        await revokedBind.Session.Completion.WaitAsync(Wait);
        Assert.Equal("unbound by the peer", rotatedBind.Session.CloseReason);
        Assert.Equal("unbound by the peer", revokedBind.Session.CloseReason);

        await using var again = await fixture.ConnectAsync(from: from);
        Assert.Equal(SmppStatus.Ok, await again.BindAsync(SmppCommand.BindTransmitter, rotated.ApiId, newKey));

        // A bind with a valid key stays: a later revocation is seen while it is still bound.
        await using var laterBind = await fixture.ConnectAsync(from: from);
        Assert.Equal(SmppStatus.Ok, await laterBind.BindAsync(SmppCommand.BindTransmitter, later.ApiId, later.ApiKey));
        await fixture.QueryAsync(db => db.ApiKeys.Where(k => k.AccountId == later.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow)));
        await laterBind.Session.Completion.WaitAsync(Wait);
        Assert.True(again.Session.IsOpen);
    }
}
