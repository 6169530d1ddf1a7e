using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Doors;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Doors.Smtp;

/// <summary>
/// The reply mail of a mail with refused numbers (decision 0032) is kept in the database and tried again while the mail
/// server refuses it: a server down for a while still gets it, once, when it is back. Through the real door (smtplib)
/// and a real SMTP server (the test sink).
/// </summary>
public sealed class SmtpDoorReplyRetryTests(SmtpDoorSinkPortal fixture) : IClassFixture<SmtpDoorSinkPortal>
{
    [Fact]
    public async Task AReplyMailTheMailServerRefusesIsTriedAgainAndSentOnceWhenTheServerIsBack()
    {
        var account = await fixture.AccountAsync(credits: 1);
        var sender = $"retry-{account.ApiId}@customer.test";
        fixture.Sink.Refusing = true;

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 2718, valid for 5 minutes.");

        // Accepted and answered although the reply could not go: it is kept.
        Assert.Equal(250, result.GetProperty("data")[0].GetInt32());
        var kept = await fixture.QueryAsync(db => db.MailDoorReplies.AsNoTracking().SingleAsync(r => r.To == sender));
        Assert.Null(kept.SentAt);
        Assert.True(kept.Attempts >= 1);

        // Still down: tried again, and still kept.
        await Eventually.HoldsAsync(async () => (await ReplyAsync(sender)).Attempts >= 3, "the reply is tried again while the server refuses it");
        Assert.DoesNotContain(fixture.Sink.Messages, m => m.To.Contains(sender));

        fixture.Sink.Refusing = false;

        await Eventually.HoldsAsync(async () => (await ReplyAsync(sender)).SentAt is not null, "the reply goes once the server is back");
        var mail = Assert.Single(fixture.Sink.Messages, m => m.To.Contains(sender));
        Assert.Contains("4051", mail.Data, StringComparison.Ordinal);

        // Sent means done: a later mail's reply goes at once, and the first is not sent again.
        var later = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--from", sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 1414, valid for 5 minutes.");
        Assert.Equal(554, later.GetProperty("data")[0].GetInt32());
        await Eventually.HoldsAsync(() => fixture.Sink.Messages.Count(m => m.To.Contains(sender)) == 2, TimeSpan.FromSeconds(30), "the second reply is sent");
        Assert.Equal(2, await fixture.QueryAsync(db => db.MailDoorReplies.CountAsync(r => r.To == sender && r.SentAt != null)));
    }

    private Task<MailDoorReply> ReplyAsync(string to) =>
        fixture.QueryAsync(db => db.MailDoorReplies.AsNoTracking().OrderBy(r => r.Id).FirstAsync(r => r.To == to));
}
