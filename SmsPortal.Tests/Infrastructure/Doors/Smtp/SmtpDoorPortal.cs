using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsPortal.Domain.Doors;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Doors.Smtp;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Doors.Smtp;

/// <summary>A portal with its SMTP door on a free loopback port for mail to &lt;mobile&gt;@sms.test, shared by a test class.</summary>
public class SmtpDoorPortal : IAsyncLifetime
{
    public const string Domain = "sms.test";

    public const string CodeTemplate = "Your code is 【code】, valid for 5 minutes.";

    public const string ChineseTemplate = "您的取件码是【code】，请及时到驿站领取。";

    public PortalFactory Portal { get; } = new();

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        Portal.Settings["Smtp:Port"] = "0";
        Portal.Settings["Smtp:Host"] = "127.0.0.1";
        Portal.Settings["Smtp:Domain"] = Domain;
        Portal.Settings["Smtp:MaxRecipients"] = "5";
        Portal.Settings["Smtp:MaxMessageBytes"] = "20000";
        Portal.Settings["Smtp:ReceiptPollSeconds"] = "1";
        Portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "200";
        Configure(Portal.Settings);
        Portal.StartOnLoopback();
        Port = await Portal.Service<SmtpDoorStatus>().Started.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public virtual async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>Settings of a fixture that needs others than these (TLS).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public Task<T> QueryAsync<T>(Func<SmsPortalDbContext, Task<T>> query) => Portal.QueryAsync(query);

    /// <summary>A verified, paid account with the signature Acme, an English and a Chinese template, and its mail door settings.</summary>
    public async Task<TestAccounts.Made> AccountAsync(long credits = 1000, bool subjectIsMessage = false, string[]? allowedSenders = null, bool mailReceipts = false, string? boundIp = null)
    {
        var account = await TestAccounts.CreateAsync(Portal, credits, verified: true, paid: true, signatures: ["Acme"],
            templates: [("code", CodeTemplate, TemplateKind.VerificationCode), ("cn", ChineseTemplate, TemplateKind.Notification)]);
        await Portal.Service<MailDoorAccounts>().SaveAsync(account.Id, subjectIsMessage, allowedSenders ?? [], mailReceipts, CancellationToken.None);
        if (boundIp is not null)
        {
            await QueryAsync(db => db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.AllowedIps, boundIp)));
        }

        return account;
    }

    /// <summary>A mainland number nobody else in the run uses (the per-number limits stay out of the way).</summary>
    public static string Number() => SmsPortal.Tests.Support.Numbers.Deliverable("139");

    public static string To(string number) => number + "@" + Domain;

    /// <summary>Runs Peers/mail/send.py (smtplib) against the door; returns its JSON report of every reply.</summary>
    public async Task<JsonElement> SmtplibAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync("python3", [Path.Combine(Peers.Directory, "mail", "send.py"), "--port", Port.ToString(CultureInfo.InvariantCulture), .. arguments]);
        Assert.True(exitCode == 0 && output.TrimStart().StartsWith('{'), $"send.py exited {exitCode}: {output} {error}");
        return JsonDocument.Parse(output).RootElement;
    }

    /// <summary>Runs swaks against the door; returns its exit code and its transcript (every line sent and received).</summary>
    public async Task<(int ExitCode, string Transcript)> SwaksAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync("swaks", ["--server", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--helo", "client.test", "--timeout", "60", .. arguments]);
        return (exitCode, output + error);
    }

    /// <summary>The mails the portal wrote to its pickup folder for <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailsToAsync(string to)
    {
        if (!Directory.Exists(Portal.MailFolder))
        {
            return [];
        }

        var mails = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(Portal.MailFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add(mail);
            }
        }

        return mails;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await output, await error);
    }
}
