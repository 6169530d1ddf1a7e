using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Modem;

/// <summary>
/// The modem emulator (Peers/modem/emulator.py) on one end of a socat pseudo-terminal pair; <see cref="Device"/> is
/// the other end, where gammu or the channel opens the "serial port".
/// </summary>
public sealed class ModemEmulator : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _socat;
    private readonly Process _emulator;
    private readonly HttpClient _control;

    private ModemEmulator(string directory, Process socat, Process emulator, int port)
    {
        _directory = directory;
        _socat = socat;
        _emulator = emulator;
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Device => Path.Combine(_directory, "adapter");

    public string Directory => _directory;

    /// <param name="arguments">Extra emulator arguments, e.g. "--sim", "absent".</param>
    public static async Task<ModemEmulator> StartAsync(params string[] arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "smsportal-modem-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var socat = Start("socat", "-d", "-d", $"pty,raw,echo=0,link={directory}/modem", $"pty,raw,echo=0,link={directory}/adapter");
        try
        {
            await Eventually.HoldsAsync(() => File.Exists(Path.Combine(directory, "modem")) && File.Exists(Path.Combine(directory, "adapter")), TimeSpan.FromSeconds(10), "socat made no pty pair");
            var emulator = Start(Python, [Script, "--device", Path.Combine(directory, "modem"), .. arguments]);
            var ready = await emulator.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
            {
                var error = await emulator.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(2));
                Stop(emulator);
                throw new InvalidOperationException("The modem emulator did not start: " + ready + error);
            }

            return new ModemEmulator(directory, socat, emulator, int.Parse(ready[6..], CultureInfo.InvariantCulture));
        }
        catch
        {
            Stop(socat);
            throw;
        }
    }

    public async Task<JsonElement[]> SentAsync() => (await _control.GetFromJsonAsync<JsonElement[]>("sent"))!;

    /// <summary>The submits joined by their concatenation UDH: to, text, parts, mrs.</summary>
    public async Task<JsonElement[]> MessagesAsync() => (await _control.GetFromJsonAsync<JsonElement[]>("messages"))!;

    public async Task<string[]> CommandsAsync() => (await _control.GetFromJsonAsync<string[]>("commands"))!;

    public Task PostAsync(string pathAndQuery) => PostCheckedAsync(pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        Stop(_emulator);
        Stop(_socat);
        await Task.WhenAll(_emulator.WaitForExitAsync(), _socat.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(5));
        _emulator.Dispose();
        _socat.Dispose();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task PostCheckedAsync(string pathAndQuery)
    {
        using var answer = await _control.PostAsync(pathAndQuery, null);
        answer.EnsureSuccessStatusCode();
    }

    /// <summary>Debian's python3 (what test.sh installs): a version manager's shim on PATH can take seconds to start.</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static string Script => Path.Combine(Peers.Directory, "modem", "emulator.py");

    private static Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
