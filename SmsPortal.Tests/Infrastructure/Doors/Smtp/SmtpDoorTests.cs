using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Doors.Smtp;

/// <summary>
/// The SMTP door through its real listener, driven by Python's smtplib (Peers/mail/send.py) and by swaks, in
/// Development (AUTH taken without TLS there; <see cref="SmtpDoorTlsTests"/> has the production rule).
/// </summary>
public sealed class SmtpDoorTests(SmtpDoorPortal fixture) : IClassFixture<SmtpDoorPortal>
{
    private const string Sender = "app@customer.test";

    private static int Code(JsonElement reply) => reply[0].GetInt32();

    private static string Text(JsonElement reply) => reply[1].GetString()!;

    private Task<List<Message>> MessagesAsync(int accountId) =>
        fixture.QueryAsync(db => db.Messages.Where(m => m.AccountId == accountId).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task AuthenticatedMailToTwoNumbersSendsTheBodyToEachUnderTheAccountsSignature()
    {
        var account = await fixture.AccountAsync();
        string[] numbers = [SmtpDoorPortal.Number(), SmtpDoorPortal.Number()];

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", Sender,
            "--to", SmtpDoorPortal.To(numbers[0]), "--to", SmtpDoorPortal.To(numbers[1]), "--cte", "quoted-printable", "--body", "Your code is 4821, valid for 5 minutes.\r\n");

        Assert.Equal(235, Code(result.GetProperty("auth")));
        Assert.All(result.GetProperty("rcpt").EnumerateArray(), r => Assert.Equal(250, Code(r)));
        Assert.Equal(250, Code(result.GetProperty("data")));
        Assert.Contains("2 accepted", Text(result.GetProperty("data")), StringComparison.Ordinal);
        var messages = await MessagesAsync(account.Id);
        Assert.Equal(numbers, messages.Select(m => m.Mobile));
        Assert.All(messages, m =>
        {
            Assert.Equal(SubmissionDoor.Mail, m.Door);
            Assert.Equal("【Acme】Your code is 4821, valid for 5 minutes.", m.Text);
            Assert.Null(m.ReceiptMailTo);
        });
        Assert.Contains(messages[0].SmsId, Text(result.GetProperty("data")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongApiKeyIsRefusedWith535AndTheVendorsCodeAndNothingIsSent()
    {
        var account = await fixture.AccountAsync();

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", "wrong" + account.ApiKey[5..], "--from", Sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 4821, valid for 5 minutes.");

        Assert.Equal(535, Code(result.GetProperty("auth")));
        Assert.StartsWith("5.7.8 405 API ID or API KEY wrong", Text(result.GetProperty("auth")), StringComparison.Ordinal);
        Assert.Equal(530, Code(result.GetProperty("mail")));
        Assert.Empty(await MessagesAsync(account.Id));
    }

    [Fact]
    public async Task MailWithoutAuthenticationFromAnUnlistedSenderIsRefusedAtMailFrom()
    {
        var (exitCode, transcript) = await fixture.SwaksAsync("--from", "stranger@elsewhere.test", "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "hello");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("<** 530 5.7.0 authentication required", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultiRecipientMailWithOneBadNumberRefusesItAtRcptWithCode406AndSendsTheOthers()
    {
        var account = await fixture.AccountAsync();
        string[] good = [SmtpDoorPortal.Number(), SmtpDoorPortal.Number()];

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", Sender,
            "--to", SmtpDoorPortal.To(good[0]), "--to", SmtpDoorPortal.To("12345"), "--to", SmtpDoorPortal.To(good[1]), "--body", "Your code is 1234, valid for 5 minutes.");

        var rcpt = result.GetProperty("rcpt").EnumerateArray().ToList();
        Assert.Equal([250, 553, 250], rcpt.Select(Code));
        Assert.StartsWith("5.1.3 406 bad mobile format", Text(rcpt[1]), StringComparison.Ordinal);
        Assert.Equal(250, Code(result.GetProperty("data")));
        Assert.Equal(good, (await MessagesAsync(account.Id)).Select(m => m.Mobile));
    }

    [Fact]
    public async Task GbkBodyInBase64BecomesTheChineseText()
    {
        var account = await fixture.AccountAsync();

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", Sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--charset", "gbk", "--cte", "base64", "--body", "您的取件码是8812，请及时到驿站领取。");

        Assert.Equal(250, Code(result.GetProperty("data")));
        var message = Assert.Single(await MessagesAsync(account.Id));
        Assert.Equal("【Acme】您的取件码是8812，请及时到驿站领取。", message.Text);
    }

    [Fact]
    public async Task HtmlOnlyMailIsReducedToItsText()
    {
        var account = await fixture.AccountAsync();

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", Sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--html", "--cte", "quoted-printable",
            "--body", "<html><head><style>p{color:red}</style></head><body><p>Your code is <b>5531</b>,   valid for 5 minutes.</p></body></html>");

        Assert.Equal(250, Code(result.GetProperty("data")));
        Assert.Equal("【Acme】Your code is 5531, valid for 5 minutes.", Assert.Single(await MessagesAsync(account.Id)).Text);
    }

    [Fact]
    public async Task TheSubjectIsTheMessageWhenTheAccountSaysSo()
    {
        var account = await fixture.AccountAsync(subjectIsMessage: true);

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", Sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--subject", "您的取件码是7001，请及时到驿站领取。", "--body", "this body is not sent");

        Assert.Equal(250, Code(result.GetProperty("data")));
        Assert.Equal("【Acme】您的取件码是7001，请及时到驿站领取。", Assert.Single(await MessagesAsync(account.Id)).Text);
    }

    [Fact]
    public async Task OversizedMailIsRefusedWith552AndNothingIsSent()
    {
        var account = await fixture.AccountAsync();

        var (_, transcript) = await fixture.SwaksAsync("--auth", "PLAIN", "--auth-user", account.ApiId, "--auth-password", account.ApiKey,
            "--from", Sender, "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 1234, valid for 5 minutes.\n" + new string('x', 30_000));

        Assert.Contains("235 ", transcript, StringComparison.Ordinal);
        Assert.Contains("<** 552", transcript, StringComparison.Ordinal);
        Assert.Empty(await MessagesAsync(account.Id));
    }

    [Fact]
    public async Task MailToAnotherDomainIsRefusedAtRcptSoTheDoorRelaysNothing()
    {
        var account = await fixture.AccountAsync();

        var (exitCode, transcript) = await fixture.SwaksAsync("--auth", "LOGIN", "--auth-user", account.ApiId, "--auth-password", account.ApiKey,
            "--from", Sender, "--to", "someone@example.com", "--body", "relay me");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("<** 550 5.7.1 relaying denied: only <mobile>@sms.test is accepted here", transcript, StringComparison.Ordinal);
        Assert.Empty(await MessagesAsync(account.Id));
    }

    [Fact]
    public async Task SwaksWithTheRightKeyOverAuthLoginSendsTheMail()
    {
        var account = await fixture.AccountAsync();
        var number = SmtpDoorPortal.Number();

        var (exitCode, transcript) = await fixture.SwaksAsync("--auth", "LOGIN", "--auth-user", account.ApiId, "--auth-password", account.ApiKey,
            "--from", Sender, "--to", SmtpDoorPortal.To(number), "--header", "Subject: code", "--body", "Your code is 2468, valid for 5 minutes.");

        Assert.True(exitCode == 0, transcript);
        Assert.Contains("<~  250 2.0.0 1 accepted", transcript.Replace("<-  ", "<~  ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(number, Assert.Single(await MessagesAsync(account.Id)).Mobile);
    }

    [Fact]
    public async Task MoreRecipientsThanTheLimitAreRefusedWith452()
    {
        var account = await fixture.AccountAsync();
        var arguments = new List<string> { "--user", account.ApiId, "--password", account.ApiKey, "--from", Sender, "--body", "Your code is 1357, valid for 5 minutes." };
        for (var i = 0; i < 6; i++)
        {
            arguments.AddRange(["--to", SmtpDoorPortal.To(SmtpDoorPortal.Number())]);
        }

        var result = await fixture.SmtplibAsync([.. arguments]);

        Assert.Equal([250, 250, 250, 250, 250, 452], result.GetProperty("rcpt").EnumerateArray().Select(Code));
        Assert.Equal(250, Code(result.GetProperty("data")));
        Assert.Equal(5, (await MessagesAsync(account.Id)).Count);
    }

    [Fact]
    public async Task AllowedSenderFromTheBoundAddressSendsWithoutAuthAndAnUnboundAccountCannot()
    {
        var bound = await fixture.AccountAsync(allowedSenders: ["alerts@bound.test"], boundIp: "127.0.0.1");
        await fixture.AccountAsync(allowedSenders: ["alerts@unbound.test"]);
        var number = SmtpDoorPortal.Number();

        var sent = await fixture.SmtplibAsync("--from", "Alerts@Bound.test", "--to", SmtpDoorPortal.To(number), "--body", "Your code is 9090, valid for 5 minutes.");
        var refused = await fixture.SmtplibAsync("--from", "alerts@unbound.test", "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 9091, valid for 5 minutes.");

        Assert.Equal(250, Code(sent.GetProperty("mail")));
        Assert.Equal(250, Code(sent.GetProperty("data")));
        Assert.Equal(number, Assert.Single(await MessagesAsync(bound.Id)).Mobile);
        Assert.Equal(530, Code(refused.GetProperty("mail")));
    }

    [Fact]
    public async Task NumbersRefusedAtDataAreListedWithTheirCodeInAReplyMailWhileTheOthersAreSent()
    {
        var account = await fixture.AccountAsync(credits: 1);
        string[] numbers = [SmtpDoorPortal.Number(), SmtpDoorPortal.Number()];
        var sender = $"partial-{account.ApiId}@customer.test";

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", sender,
            "--to", SmtpDoorPortal.To(numbers[0]), "--to", SmtpDoorPortal.To(numbers[1]), "--body", "Your code is 3141, valid for 5 minutes.");

        Assert.Equal(250, Code(result.GetProperty("data")));
        Assert.Contains("1 of 2 accepted", Text(result.GetProperty("data")), StringComparison.Ordinal);
        var sent = Assert.Single(await MessagesAsync(account.Id));
        var reply = Assert.Single(await fixture.MailsToAsync(sender));
        var body = reply.HtmlBody;
        Assert.Contains($"<td>{sent.Mobile}</td><td>2</td>", body, StringComparison.Ordinal);
        Assert.Contains($"<td>{numbers.Single(n => n != sent.Mobile)}</td><td>4051</td><td>剩余条数不足</td>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMailWhoseEveryNumberIsRefusedAtDataIsAnswered554WithTheVendorsCode()
    {
        var account = await fixture.AccountAsync();
        var sender = $"refused-{account.ApiId}@customer.test";

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "This text fits no approved template.");

        Assert.Equal(554, Code(result.GetProperty("data")));
        Assert.Equal("5.7.0 4072 content matches no approved template", Text(result.GetProperty("data")));
        Assert.Empty(await MessagesAsync(account.Id));
        Assert.Contains("<td>4072</td><td>提交的短信内容与审核通过的模板内容不匹配</td>", Assert.Single(await fixture.MailsToAsync(sender)).HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiptsOfMailSentMessagesAreMailedBackToTheSender()
    {
        var account = await fixture.AccountAsync(mailReceipts: true);
        var sender = $"receipts-{account.ApiId}@customer.test";
        var number = SmtpDoorPortal.Number();

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", sender,
            "--to", SmtpDoorPortal.To(number), "--body", "Your code is 7777, valid for 5 minutes.");

        Assert.Equal(250, Code(result.GetProperty("data")));
        var message = Assert.Single(await MessagesAsync(account.Id));
        Assert.Equal(sender, message.ReceiptMailTo);
        await Eventually.HoldsAsync(async () => (await fixture.MailsToAsync(sender)).Count == 1, "the receipt mail", TimeSpan.FromSeconds(30));
        var receipt = Assert.Single(await fixture.MailsToAsync(sender));
        Assert.Contains($"<td>{number}</td><td>{message.SmsId}</td><td>2</td>", receipt.HtmlBody, StringComparison.Ordinal);
        var mailed = Assert.Single(await MessagesAsync(account.Id));
        Assert.Equal(MessageStatus.Delivered, mailed.Status);
        Assert.NotNull(mailed.ReceiptMailedAt);
    }
}
