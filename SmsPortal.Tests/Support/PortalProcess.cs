using System.Diagnostics;
using System.Text;

namespace SmsPortal.Tests.Support;

/// <summary>SmsPortal.Web as its own process, the way an installer or a second node runs it.</summary>
public static class PortalProcess
{
    public static string WebAssembly => Path.Combine(AppContext.BaseDirectory, "SmsPortal.Web.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The content root is the binaries' folder (appsettings.json), the data lives in the working folder.
        info.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>
    /// The settings a Production start needs besides the database: a data-protection certificate (made in the folder,
    /// with a password) that encrypts the key ring.
    /// </summary>
    public static Dictionary<string, string> ProductionEnvironment(string folder)
    {
        var certificate = Path.Combine(folder, "data-protection.pfx");
        const string password = "test-certificate-password";
        SmsPortal.Infrastructure.Persistence.DataProtectionCertificate.Create(certificate, password);
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["Mail__PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Platform__PublicUrl"] = "https://sms.example.com/",
            ["DataProtection__CertificatePath"] = certificate,
            ["DataProtection__CertificatePassword"] = password,
        };
    }

    /// <summary>Starts the portal serving <paramref name="url"/> (its output read and dropped, so it never blocks on a full pipe).</summary>
    public static Process StartServing(string workingDirectory, IReadOnlyDictionary<string, string> environment, string url)
    {
        var process = Process.Start(StartInfo(workingDirectory, environment, "--urls", url))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the portal answers /health (at most 60 s).</summary>
    public static Task WaitHealthyAsync(HttpClient http) =>
        Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync("/health");
                    return response.IsSuccessStatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            "the portal answers /health",
            TimeSpan.FromSeconds(60));

    /// <summary>Runs the portal until it exits by itself (it should: these are start-ups that must fail).</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var info = StartInfo(workingDirectory, environment, "--urls", "http://127.0.0.1:0");
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The portal did not exit within {timeout}: {await stdout}{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
