using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Smpp.Server;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

/// <summary>Kannel (Debian's bearerbox and smsbox) binds to the portal's SMPP server as a customer's gateway would.</summary>
public sealed class SmppServerKannelTests(SmppServerPortal fixture) : IClassFixture<SmppServerPortal>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kannel-").FullName;
    private readonly List<Process> _processes = [];
    private readonly HttpListener _callbacks = new();
    private readonly ConcurrentQueue<string> _received = new();
    private int _sendsmsPort;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        if (_callbacks.IsListening)
        {
            _callbacks.Stop();
        }

        _callbacks.Close();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KannelSendsShortAndLongMessagesGetsTheirReceiptsAtItsDlrUrlAndHandsetReplies()
    {
        var long1 = "尊敬的客户，您的包裹【order】已从仓库发出。" + string.Concat(Enumerable.Repeat("请保持电话畅通，快递员将在送达前与您联系。", 4));
        var account = await TestAccounts.CreateAsync(fixture.Portal, 100, verified: true, paid: true, signatures: ["快递通"],
            templates: [("code", "您的验证码是：【code】。请不要把验证码泄露给其他人。", TemplateKind.VerificationCode), ("long", long1, TemplateKind.Notification)]);
        var callbackPort = Peers.FreePort();
        _callbacks.Prefixes.Add($"http://127.0.0.1:{callbackPort}/");
        _callbacks.Start();
        _ = ServeCallbacksAsync();
        await StartKannelAsync(account, callbackPort);
        await WaitAsync(() => fixture.Status.Sessions().Any(s => s.AccountId == account.Id && s.Transceivers == 1), "Kannel's transceiver bind");

        // A short UCS-2 message with its signature; the receipt comes back to Kannel, which calls the dlr-url.
        var text = "【快递通】您的验证码是：5566。请不要把验证码泄露给其他人。";
        await SendSmsAsync("13800138123", text, callbackPort, "short");
        await fixture.WaitForAsync(db => db.Messages.AnyAsync(m => m.AccountId == account.Id && m.Text == text), "the short message accepted");
        await WaitAsync(() => _received.Contains("dlr short 1"), "Kannel's delivered callback for the short message");

        // A long one: Kannel splits it (UDH); the portal joins it into one message.
        var longText = "【快递通】" + long1.Replace("【order】", "SF8899", StringComparison.Ordinal);
        await SendSmsAsync("13800138124", longText, callbackPort, "long");
        await fixture.WaitForAsync(db => db.Messages.AnyAsync(m => m.AccountId == account.Id && m.Text == longText), "the long message joined and accepted");
        await WaitAsync(() => _received.Contains("dlr long 1"), "Kannel's delivered callback for the long message");
        Assert.Equal(2, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));

        // A handset answers the short message: deliver_sm to Kannel, which hands it to its sms-service get-url.
        await fixture.Portal.Service<IUpstreamEvents>().ReplyAsync("simulator", new InboundReply("13800138123", "106900", "OK got it", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);
        await WaitAsync(() => _received.Any(r => r.StartsWith("mo ", StringComparison.Ordinal) && r.Contains("OK got it", StringComparison.Ordinal)), "the reply at Kannel's get-url");
        Assert.Contains(_received, r => r.StartsWith("mo ", StringComparison.Ordinal) && r.Contains("8613800138123", StringComparison.Ordinal));
    }

    private async Task StartKannelAsync(TestAccounts.Made account, int callbackPort)
    {
        var adminPort = Peers.FreePort();
        var smsboxPort = Peers.FreePort();
        _sendsmsPort = Peers.FreePort();
        var config = Path.Combine(_folder, "kannel.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            group = core
            admin-port = {adminPort}
            admin-password = secret
            smsbox-port = {smsboxPort}
            dlr-storage = internal
            log-file = "{_folder}/bearerbox.log"
            log-level = 1

            group = smsc
            smsc = smpp
            smsc-id = portal
            host = 127.0.0.1
            port = {fixture.Port}
            transceiver-mode = true
            smsc-username = {account.ApiId}
            smsc-password = {SmppPassword.ShortFor(account.ApiKey)}
            system-type = "VMA"
            max-pending-submits = 10
            reconnect-delay = 1

            group = smsbox
            bearerbox-host = 127.0.0.1
            bearerbox-port = {smsboxPort}
            sendsms-port = {_sendsmsPort}
            log-file = "{_folder}/smsbox.log"
            log-level = 1

            group = sendsms-user
            username = tester
            password = secret
            max-messages = 10
            concatenation = true
            default-sender = 106900

            group = sms-service
            keyword = default
            catch-all = true
            max-messages = 0
            get-url = "http://127.0.0.1:{callbackPort}/mo?from=%p&to=%P&text=%a"

            """));
        Start("/usr/sbin/bearerbox", config);
        await WaitAsync(() => Answers(adminPort), "bearerbox's admin port");
        Start("/usr/sbin/smsbox", config);
        await WaitAsync(() => Answers(_sendsmsPort), "smsbox's sendsms port");
    }

    private void Start(string program, string config)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        info.ArgumentList.Add(config);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task SendSmsAsync(string to, string text, int callbackPort, string tag)
    {
        var dlr = Uri.EscapeDataString($"http://127.0.0.1:{callbackPort}/dlr?tag={tag}&state=%d");
        using var http = new HttpClient();
        var url = $"http://127.0.0.1:{_sendsmsPort}/cgi-bin/sendsms?username=tester&password=secret&to={to}&text={Uri.EscapeDataString(text)}&charset=UTF-8&coding=2&dlr-mask=3&dlr-url={dlr}";
        var answer = await http.GetAsync(new Uri(url));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"sendsms: {(int)answer.StatusCode} {body}");
    }

    private async Task ServeCallbacksAsync()
    {
        while (_callbacks.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _callbacks.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var query = context.Request.QueryString;
            _received.Enqueue(context.Request.Url!.AbsolutePath == "/dlr"
                ? $"dlr {query["tag"]} {query["state"]}"
                : $"mo {query["from"]} {query["to"]} {query["text"]}");
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private Task WaitAsync(Func<bool> condition, string what) =>
        Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(30), () => $"{what}; callbacks: {string.Join(" | ", _received)}; bearerbox: {Tail("bearerbox.log")}");

    private string Tail(string log)
    {
        var path = Path.Combine(_folder, log);
        return File.Exists(path) ? string.Join("\n", File.ReadLines(path).TakeLast(15)) : "(no log)";
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
