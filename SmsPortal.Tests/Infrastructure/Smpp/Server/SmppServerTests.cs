using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Infrastructure.Channels.Smpp.Server;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

/// <summary>The SMPP server against node's smpp client (esme.js) and our own protocol code as a client.</summary>
public sealed partial class SmppServerTests(SmppServerPortal fixture) : IClassFixture<SmppServerPortal>
{
    private const string Code = "您的验证码是：{0}。请不要把验证码泄露给其他人。";

    private PortalFactory Portal => fixture.Portal;

    private static string Verification(string code) => "【SmsPortal】" + string.Format(CultureInfo.InvariantCulture, Code, code);

    private static string Prefix() => "139" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);

    private Task<TestAccounts.Made> EnglishAccountAsync(long credits = 1000) => TestAccounts.CreateAsync(Portal, credits, verified: true, paid: true, signatures: ["Acme"],
        templates: [("code", "Your code is 【code】, valid for 5 minutes.", TemplateKind.VerificationCode), ("long", LongTemplate, TemplateKind.Notification)]);

    private static readonly string LongTemplate = "尊敬的客户，您的包裹【order】已从仓库发出。" + string.Concat(Enumerable.Repeat("请保持电话畅通，快递员将在送达前与您联系。", 6));

    private static JsonElement Json(string line) => JsonDocument.Parse(line[..(line.LastIndexOf('}') + 1)]).RootElement;

    private async Task<(int ExitCode, JsonElement Result)> EsmeAsync(TestAccounts.Made account, string text, int count, params string[] extra)
    {
        string[] arguments = ["--host", "127.0.0.1", "--port", fixture.Port.ToString(CultureInfo.InvariantCulture), "--system-id", account.ApiId,
            "--password", account.ApiKey, "--count", count.ToString(CultureInfo.InvariantCulture), "--to", Prefix(), "--text", text, "--wait-ms", "20000", .. extra, "--window", "10"];
        var (exitCode, output) = await SmppServerPortal.NodeAsync("esme.js", arguments);
        Assert.True(output.StartsWith('{'), output);
        return (exitCode, Json(output));
    }

    [Fact]
    public async Task NodeClientSendsShortGsmTextsAndGetsTheirDeliveredReceipts()
    {
        var account = await EnglishAccountAsync();

        var (exitCode, result) = await EsmeAsync(account, "Your code is 4821, valid for 5 minutes.", 30);

        Assert.True(exitCode == 0, result.ToString());
        Assert.Equal(30, result.GetProperty("accepted").GetInt32());
        Assert.Equal(30, result.GetProperty("receipts").GetInt32());
        // The first number ends in 0000: the simulator's undeliverable pattern.
        Assert.Equal(29, result.GetProperty("receiptStates").GetProperty("DELIVRD").GetInt32());
        Assert.Equal(1, result.GetProperty("receiptStates").GetProperty("UNDELIV").GetInt32());
        var stored = await fixture.QueryAsync(db => db.Messages.Where(m => m.AccountId == account.Id).ToListAsync());
        Assert.Equal(30, stored.Count);
        Assert.All(stored, m =>
        {
            Assert.Equal(SubmissionDoor.Smpp, m.Door);
            Assert.Equal("【Acme】Your code is 4821, valid for 5 minutes.", m.Text);
            Assert.Equal(SmppReceiptState.Sent, m.SmppReceipt);
        });
    }

    [Fact]
    public async Task NodeClientSendsUcs2ChineseUnderThePlatformSignature()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 100);

        var (exitCode, result) = await EsmeAsync(account, Verification("6688"), 5);

        Assert.True(exitCode == 0, result.ToString());
        Assert.Equal(4, result.GetProperty("receiptStates").GetProperty("DELIVRD").GetInt32());
        var texts = await fixture.QueryAsync(db => db.Messages.Where(m => m.AccountId == account.Id).Select(m => m.Text).Distinct().ToListAsync());
        Assert.Equal([Verification("6688")], texts);
    }

    [Fact]
    public async Task NodeClientWithAWrongPasswordIsRefusedTheBind()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var (exitCode, output) = await SmppServerPortal.NodeAsync("esme.js", "--host", "127.0.0.1", "--port", fixture.Port.ToString(CultureInfo.InvariantCulture),
            "--system-id", account.ApiId, "--password", "wrong" + account.ApiKey[5..], "--count", "1");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("bind failed: status 14", output, StringComparison.Ordinal); // ESME_RINVPASWD
        Assert.Equal(0, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
    }

    [Fact]
    public async Task SubmitsOverTheAccountsPerSecondCapAreThrottled()
    {
        var account = await EnglishAccountAsync();

        // The fixture allows 60 a second per account; node's client sends all 200 at once (its window is 200).
        var (_, result) = await EsmeAsync(account, "Your code is 1111, valid for 5 minutes.", 200, "--no-dlr", "--window", "200");

        Assert.True(result.GetProperty("rejected").TryGetProperty("88", out var throttled), result.ToString()); // ESME_RTHROTTLED
        Assert.Equal(200, throttled.GetInt32() + result.GetProperty("accepted").GetInt32());
        Assert.InRange(result.GetProperty("accepted").GetInt32(), 60, 150);
        Assert.Equal(result.GetProperty("accepted").GetInt32(), await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
    }

    [Fact]
    public async Task RefusalsCarryTheirMappedStatusAndNothingIsStored()
    {
        var account = await EnglishAccountAsync();
        await using var esme = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await esme.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));

        Assert.Equal(SmppResultCodes.TemplateMismatch, (await esme.SubmitAsync("13800138000", "Hello, no template fits this.")).Status);
        Assert.Equal(SmppStatus.InvalidDestinationAddress, (await esme.SubmitAsync("1380013800", "Your code is 1, valid for 5 minutes.")).Status);
        Assert.Equal(SmppStatus.InvalidMessageLength, (await esme.SubmitAsync("13800138000", "")).Status);
        var accepted = await esme.SubmitAsync("8613800138000", "Your code is 2, valid for 5 minutes.", destinationTon: 1);
        Assert.Equal(SmppStatus.Ok, accepted.Status);
        var id = ((MessageIdRespPdu)accepted.Response!).MessageId;

        var stored = await fixture.QueryAsync(db => db.Messages.Where(m => m.AccountId == account.Id).ToListAsync());
        var message = Assert.Single(stored);
        Assert.Equal(message.SmsId, id);
        Assert.Equal("13800138000", message.Mobile);
        Assert.Equal(SmppStatus.QueryFailed, (await esme.Session.SendRequestAsync(new QuerySmPdu { MessageId = id! }, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task SubmitBeforeBindAndOnAReceiverBindAreRefusedAndTheSessionLimitHolds()
    {
        var account = await EnglishAccountAsync();
        await using var unbound = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.InvalidBindStatus, (await unbound.SubmitAsync("13800138000", "Your code is 3, valid for 5 minutes.")).Status);

        await using var receiver = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await receiver.BindAsync(SmppCommand.BindReceiver, account.ApiId, account.ApiKey));
        Assert.Equal(SmppStatus.InvalidBindStatus, (await receiver.SubmitAsync("13800138000", "Your code is 3, valid for 5 minutes.")).Status);
        Assert.Equal(SmppStatus.AlreadyBound, await receiver.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));

        await using var second = await fixture.ConnectAsync();
        await using var third = await fixture.ConnectAsync();
        await using var fourth = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await second.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
        Assert.Equal(SmppStatus.Ok, await third.BindAsync(SmppCommand.BindTransceiver, account.ApiId, account.ApiKey));
        Assert.Equal(SmppStatus.BindFailed, await fourth.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
        Assert.Contains(fixture.Status.Sessions(), s => s.AccountId == account.Id && s is { Transmitters: 1, Receivers: 1, Transceivers: 1 });

        await TestAccounts.SetAsync(Portal, account.Id, a => a.Status = SmsPortal.Domain.Accounts.AccountStatus.Frozen);
        await using var frozen = await fixture.ConnectAsync();
        await second.Session.UnbindAsync();
        Assert.Equal(SmppStatus.BindFailed, await frozen.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
    }

    [Theory]
    [InlineData(SmsLongMessageMode.Udh)]
    [InlineData(SmsLongMessageMode.Sar)]
    public async Task LongMessagesAreJoinedIntoOneSubmissionAndEveryPartGetsItsId(SmsLongMessageMode mode)
    {
        var account = await EnglishAccountAsync();
        await using var esme = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await esme.BindAsync(SmppCommand.BindTransceiver, account.ApiId, account.ApiKey));
        var body = LongTemplate.Replace("【order】", "SF1234", StringComparison.Ordinal);
        var parts = SmsText.Split(body, new SmsEncodingOptions(LongMessages: mode), 77);
        Assert.Equal(3, parts.Count);

        var answers = await Task.WhenAll(parts.Select(p => esme.SendAsync("13800138000", p)));

        Assert.All(answers, a => Assert.True(a.IsOk, a.Detail));
        var ids = answers.Select(a => ((MessageIdRespPdu)a.Response!).MessageId).Distinct().ToList();
        var message = Assert.Single(await fixture.QueryAsync(db => db.Messages.Where(m => m.AccountId == account.Id).ToListAsync()));
        Assert.Equal([message.SmsId], ids);
        Assert.Equal("【Acme】" + body, message.Text);
        var receipt = Assert.IsType<DeliverSmPdu>(await esme.NextAsync());
        Assert.Equal(message.SmsId, receipt.GetCString(SmppTlvTag.ReceiptedMessageId));
    }

    [Fact]
    public async Task ReceiptsWaitForAReceiverBindAndAreMarkedSentOnlyWhenConfirmed()
    {
        var account = await EnglishAccountAsync();
        string id;
        await using (var transmitter = await fixture.ConnectAsync())
        {
            Assert.Equal(SmppStatus.Ok, await transmitter.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
            var delivered = await transmitter.SubmitAsync("13800138000", "Your code is 5, valid for 5 minutes.");
            id = ((MessageIdRespPdu)delivered.Response!).MessageId!;
            Assert.True((await transmitter.SubmitAsync("13800130000", "Your code is 6, valid for 5 minutes.")).IsOk); // the simulator's UNDELIV pattern
            Assert.True((await transmitter.SubmitAsync("13800138001", "Your code is 7, valid for 5 minutes.", registeredDelivery: 0)).IsOk);
        }

        await fixture.WaitForAsync(db => db.Messages.Where(m => m.AccountId == account.Id).AllAsync(m => m.Status == MessageStatus.Delivered || m.Status == MessageStatus.Failed), "the receipts");

        // A receiver that refuses the first deliver_sm: it is not marked sent, and comes again.
        var refusedOnce = 0;
        await using var receiver = await fixture.ConnectAsync(request => Interlocked.Increment(ref refusedOnce) == 1 ? request.CreateResponse(SmppStatus.SystemError) : request.CreateResponse());
        Assert.Equal(SmppStatus.Ok, await receiver.BindAsync(SmppCommand.BindReceiver, account.ApiId, account.ApiKey));
        var receipts = new List<DeliveryReceipt>();
        while (receipts.Count < 3)
        {
            var pdu = Assert.IsType<DeliverSmPdu>(await receiver.NextAsync());
            Assert.True(pdu.IsDeliveryReceipt);
            receipts.Add(DeliveryReceipt.Parse(System.Text.Encoding.ASCII.GetString(pdu.ShortMessage))!);
        }

        Assert.Equal(2, receipts.Select(r => r.Id).Distinct().Count());
        Assert.Contains(receipts, r => r.Id == id && r.State == "DELIVRD");
        Assert.Contains(receipts, r => r.Id != id && r.State == "UNDELIV");
        await fixture.WaitForAsync(db => db.Messages.Where(m => m.AccountId == account.Id && m.SmppReceipt == SmppReceiptState.Wanted).AnyAsync().ContinueWith(t => !t.Result), "receipts marked sent");
        Assert.Equal(1, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id && m.SmppReceipt == null)));
    }

    [Fact]
    public async Task HandsetRepliesToSmppMessagesReachTheReceiverBind()
    {
        var account = await EnglishAccountAsync();
        await using var esme = await fixture.ConnectAsync();
        Assert.Equal(SmppStatus.Ok, await esme.BindAsync(SmppCommand.BindTransceiver, account.ApiId, account.ApiKey));
        Assert.True((await esme.SubmitAsync("13700137000", "Your code is 8, valid for 5 minutes.")).IsOk);
        await fixture.WaitForAsync(db => db.Messages.AnyAsync(m => m.AccountId == account.Id && m.Status == MessageStatus.Delivered), "delivery");

        await Portal.Service<IUpstreamEvents>().ReplyAsync("simulator", new InboundReply("8613700137000", "106900", "好的，收到 thanks", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);

        var reply = await NextReplyAsync(esme);
        Assert.Equal("8613700137000", reply.SourceAddress);
        Assert.Equal("好的，收到 thanks", SmsText.Decode(reply.DataCoding, reply.ShortMessage));
        await fixture.WaitForAsync(db => db.Replies.AnyAsync(r => r.AccountId == account.Id && r.SmppSentAt != null), "the reply marked sent");
    }

    private static async Task<DeliverSmPdu> NextReplyAsync(TestEsme esme)
    {
        while (true)
        {
            if (await esme.NextAsync() is DeliverSmPdu { IsDeliveryReceipt: false } reply)
            {
                return reply;
            }
        }
    }
}
