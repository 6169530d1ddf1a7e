using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>
/// Codes at rest: the verification keeps only a seed and a keyed hash, nothing logs a code, and once a code is done
/// (approved, cancelled, spent) the SMS that carried it hide it, so that after a checkpoint the code is nowhere in the
/// database file or its WAL.
/// </summary>
public sealed class CodeAtRestTests : IAsyncLifetime
{
    private readonly CapturingPortal _portal = new();
    private VerifyRestClient _api = default!;

    public async Task InitializeAsync()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        _api = VerifyRestClient.For(_portal, account.ApiId, account.ApiKey);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task FinishedCodesAreNowhereInTheDatabaseFileOrTheLogs()
    {
        var service = await _api.CreateServiceAsync(new { name = "At rest", alphabet = "letters", codeLength = 8, maxAttempts = 1 });
        var approved = await SentAsync(service);
        var canceled = await SentAsync(service);
        var spent = await SentAsync(service);

        Assert.True((await _api.CheckAsync(service, approved.Mobile, approved.Code)).IsSuccessStatusCode);
        Assert.True((await _api.Http.PostAsync($"/api/v1/verify/services/{service}/verifications/{canceled.Sid}/cancel", null)).IsSuccessStatusCode);
        Assert.True((await _api.CheckAsync(service, spent.Mobile, "WRONGONE")).IsSuccessStatusCode);

        var record = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{approved.SmsId}");
        Assert.Equal("【SmsPortal】您的验证码是：****。请不要把验证码泄露给其他人。", record.GetProperty("text").GetString());
        var stored = await DatabaseBytesAfterCheckpointAsync();
        foreach (var code in new[] { approved.Code, canceled.Code, spent.Code })
        {
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(code)));
            Assert.DoesNotContain(_portal.Lines, line => line.Contains(code, StringComparison.Ordinal));
        }
    }

    private async Task<(string Mobile, string Sid, string SmsId, string Code)> SentAsync(string service)
    {
        var mobile = VerifyRestClient.NewMobile();
        var (sid, smsId, code) = await _api.StartAndReadAsync(service, mobile);
        await _portal.MessageWhenAsync(smsId, m => m.Status is not (MessageStatus.Accepted or MessageStatus.Dispatching));
        return (mobile, sid, smsId, code);
    }

    private async Task<byte[]> DatabaseBytesAfterCheckpointAsync()
    {
        var file = Path.Combine(_portal.Root, "smsportal.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        using var bytes = new MemoryStream();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(bytes);
        }

        return bytes.ToArray();
    }
}
