using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace SmsPortal.Tests.Infrastructure.Doors.Smtp;

/// <summary>STARTTLS with the configured certificate, and SMTP AUTH only over it (the rule outside Development).</summary>
public sealed class SmtpDoorTlsTests(SmtpDoorTlsPortal fixture) : IClassFixture<SmtpDoorTlsPortal>
{
    private const string Sender = "app@customer.test";

    private static int Code(JsonElement reply) => reply[0].GetInt32();

    private Task<int> CountAsync(int accountId) => fixture.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == accountId));

    [Fact]
    public async Task AuthIsNeitherOfferedNorTakenWithoutTls()
    {
        var account = await fixture.AccountAsync();

        var result = await fixture.SmtplibAsync("--user", account.ApiId, "--password", account.ApiKey, "--force-auth", "--from", Sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 1111, valid for 5 minutes.");

        Assert.False(result.GetProperty("auth_offered").GetBoolean());
        Assert.InRange(Code(result.GetProperty("auth")), 500, 599);
        Assert.Equal(530, Code(result.GetProperty("mail")));
        Assert.Equal(0, await CountAsync(account.Id));
    }

    [Fact]
    public async Task SmtplibSendsAfterStartTlsAndAuth()
    {
        var account = await fixture.AccountAsync();

        var result = await fixture.SmtplibAsync("--starttls", "--user", account.ApiId, "--password", account.ApiKey, "--from", Sender,
            "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 2222, valid for 5 minutes.");

        Assert.Equal(220, Code(result.GetProperty("starttls")));
        Assert.True(result.GetProperty("auth_offered").GetBoolean());
        Assert.Equal(235, Code(result.GetProperty("auth")));
        Assert.Equal(250, Code(result.GetProperty("data")));
        Assert.Equal(1, await CountAsync(account.Id));
    }

    [Fact]
    public async Task SwaksOverStartTlsWithTheRightKeySendsAndWithAWrongOneGets535()
    {
        var account = await fixture.AccountAsync();

        var (exitCode, transcript) = await fixture.SwaksAsync("--tls", "--auth", "PLAIN", "--auth-user", account.ApiId, "--auth-password", account.ApiKey,
            "--from", Sender, "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 3333, valid for 5 minutes.");
        var (wrongExit, wrongTranscript) = await fixture.SwaksAsync("--tls", "--auth", "PLAIN", "--auth-user", account.ApiId, "--auth-password", "not-the-key",
            "--from", Sender, "--to", SmtpDoorPortal.To(SmtpDoorPortal.Number()), "--body", "Your code is 4444, valid for 5 minutes.");

        Assert.True(exitCode == 0, transcript);
        Assert.Contains("TLS started", transcript, StringComparison.Ordinal);
        Assert.NotEqual(0, wrongExit);
        Assert.Contains("535 5.7.8 405 API ID or API KEY wrong", wrongTranscript, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(account.Id));
    }
}
