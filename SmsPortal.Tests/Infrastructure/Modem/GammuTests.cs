using System.Diagnostics;

namespace SmsPortal.Tests.Infrastructure.Modem;

/// <summary>The emulator checked against a real AT client: Debian's gammu must identify the "modem" and send through it.</summary>
public sealed class GammuTests
{
    [Fact]
    public async Task GammuIdentifiesTheEmulatedModem()
    {
        await using var modem = await ModemEmulator.StartAsync();

        var output = await GammuAsync(modem, "--identify");

        Assert.Contains("SmsPortal", output, StringComparison.Ordinal);
        Assert.Contains("356938035643809", output, StringComparison.Ordinal);
        Assert.Contains("460001234567890", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GammuSendsAShortAndALongMessageThroughTheEmulator()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var longText = string.Concat(Enumerable.Repeat("长短信测试", 30));

        await GammuAsync(modem, "sendsms", "TEXT", "+8613800138000", "-text", "Hello from gammu {test}", "-report");
        await GammuAsync(modem, "sendsms", "TEXT", "13900139000", "-unicode", "-len", "400", "-text", longText);

        var messages = await modem.MessagesAsync();
        Assert.Equal(2, messages.Length);
        Assert.Equal("+8613800138000", messages[0].GetProperty("to").GetString());
        Assert.Equal("Hello from gammu {test}", messages[0].GetProperty("text").GetString());
        Assert.Equal("13900139000", messages[1].GetProperty("to").GetString());
        Assert.Equal(longText, messages[1].GetProperty("text").GetString());
        Assert.Equal(3, messages[1].GetProperty("parts").GetInt32());
    }

    private static async Task<string> GammuAsync(ModemEmulator modem, params string[] arguments)
    {
        var rc = Path.Combine(modem.Directory, "gammurc");
        await File.WriteAllTextAsync(rc, $"[gammu]\ndevice = {modem.Device}\nconnection = at19200\n");
        var info = new ProcessStartInfo("gammu") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(rc);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }

        Assert.True(process.ExitCode == 0, $"gammu {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        return await output + await error;
    }
}
