using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmsPortal.Tests.Support;

/// <summary>REST /api/v1/batches for the batch tests: an account's client, numbers to send to, and waiting for a batch.</summary>
public static class BatchApi
{
    public static HttpClient Client(PortalFactory portal, TestAccounts.Made account)
    {
        var client = portal.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(3);
        client.DefaultRequestHeaders.Add("X-Api-Id", account.ApiId);
        client.DefaultRequestHeaders.Add("X-Api-Key", account.ApiKey);
        return client;
    }

    /// <summary><paramref name="count"/> distinct mainland numbers starting with <paramref name="prefix"/> (3 digits).</summary>
    public static List<string> Numbers(string prefix, int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => prefix + i.ToString("D8", CultureInfo.InvariantCulture)).ToList();

    /// <summary>Creates a batch of the default template (id 1) and answers its id; fails the test when it is refused.</summary>
    public static async Task<int> CreateAsync(HttpClient client, IReadOnlyList<string> mobiles, string? sendAt = null, string code = "1234")
    {
        var response = await client.PostAsJsonAsync("/api/v1/batches", new { mobiles, templateId = 1, content = code, sendAt });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return body.GetProperty("id").GetInt32();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, int id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/batches/{id}");

    /// <summary>The batch once it meets the condition (its worker runs in the background).</summary>
    public static async Task<JsonElement> WhenAsync(HttpClient client, int id, Func<JsonElement, bool> condition, TimeSpan within)
    {
        var batch = default(JsonElement);
        await Eventually.HoldsAsync(async () => condition(batch = await GetAsync(client, id)), () => $"batch {id}: {batch}", within);
        return batch;
    }

    public static string State(JsonElement batch) => batch.GetProperty("state").GetString()!;

    public static int Submitted(JsonElement batch) => batch.GetProperty("submitted").GetInt32();

    public static int Accepted(JsonElement batch) => batch.GetProperty("accepted").GetInt32();
}
