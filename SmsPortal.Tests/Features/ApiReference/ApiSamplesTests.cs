using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.ApiReference;

namespace SmsPortal.Tests.Features.ApiReference;

/// <summary>
/// The keys page's code samples, run as a developer would run them (saved to a file, the key put in) against a portal on a
/// real socket: each that has its language on this machine must get its message accepted.
/// </summary>
public sealed class ApiSamplesTests(SqliteKestrelPortal host) : IClassFixture<SqliteKestrelPortal>
{
    [Theory]
    [InlineData("curl", "/bin/bash", "send.sh")]
    [InlineData("Node.js", "/usr/bin/node", "send.mjs")]
    [InlineData("PHP", "/usr/bin/php", "send.php")]
    [InlineData("Java", "/usr/bin/java", "SendSms.java")]
    public async Task TheSampleSendsAMessageAsItIsOnceTheKeyIsPutIn(string language, string runner, string fileName)
    {
        Assert.True(File.Exists(runner), $"{runner} is not installed: the {language} sample cannot be run here");
        var account = await TestAccounts.CreateAsync(host.Portal, verified: true, paid: true);
        var sample = ApiSamples.For(host.BaseUrl + "/", account.ApiId).Single(s => s.Language == language);
        Assert.Equal(fileName, sample.FileName);
        var folder = Directory.CreateTempSubdirectory("sample-");
        try
        {
            var file = Path.Combine(folder.FullName, sample.FileName);
            await File.WriteAllTextAsync(file, sample.Code.Replace(ApiSamples.KeyPlaceholder, account.ApiKey, StringComparison.Ordinal));
            var (exit, output) = await RunAsync(runner, file, folder.FullName);

            Assert.True(exit == 0, $"{language} exited with {exit}: {output}");
            Assert.Contains("202", output, StringComparison.Ordinal);
            Assert.Contains("\"smsId\":\"", output, StringComparison.Ordinal);
            var stored = await host.Portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id && m.Mobile == "13800138000"));
            Assert.Equal(1, stored);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void EveryLanguageTheIssueNamesHasASampleWithThePortalsAddressAndTheAccountsApiId()
    {
        var samples = ApiSamples.For("https://sms.example.com/", "C12345678");
        Assert.Equal(["curl", "Python", "PHP", "Java", "Go", "Node.js", "C#"], samples.Select(s => s.Language));
        Assert.All(samples, s =>
        {
            Assert.Contains("https://sms.example.com/api/v1/messages", s.Code, StringComparison.Ordinal);
            Assert.Contains("C12345678", s.Code, StringComparison.Ordinal);
            Assert.Contains(ApiSamples.KeyPlaceholder, s.Code, StringComparison.Ordinal);
        });
    }

    private static async Task<(int Exit, string Output)> RunAsync(string runner, string file, string folder)
    {
        var start = new ProcessStartInfo(runner, [file]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
