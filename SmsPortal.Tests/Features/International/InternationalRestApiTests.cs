using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmsPortal.Domain.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// REST /api/v1 and money (decision 0034): a send names each accepted message's parts and, abroad, its country and the
/// money charged in fen; the balance answers the money balance in fen beside the credits.
/// </summary>
public sealed class InternationalRestApiTests : IAsyncLifetime
{
    /// <summary>GSM-7 only and 200 characters: two parts of 153 abroad, where no 【signature】 is added.</summary>
    private static readonly string LongText = string.Concat(Enumerable.Repeat("Your parcel is on its way. ", 8)).TrimEnd();

    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        InternationalWorld.AllowAbroad(_portal);
        _ = _portal.Server;
        await InternationalWorld.PlatformPricesAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ASendAnswersItsPartsAndAbroadItsCountryAndTheMoneyChargedAndTheBalanceAnswersTheMoney()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true, templates: [("long", LongText, TemplateKind.Notification)]);
        await InternationalWorld.GiveMoneyAsync(_portal, account.Id, 1000);
        var client = ClientFor(account);

        var abroad = await client.PostAsJsonAsync("/api/v1/messages", new { mobile = "+852 6123 4567", templateId = 1, content = "1234" });
        var longAbroad = await client.PostAsJsonAsync("/api/v1/messages", new { mobile = "44 7911123456", content = LongText });
        var mainland = await client.PostAsJsonAsync("/api/v1/messages", new { mobile = "13800138000", templateId = 1, content = "1234" });

        Assert.Equal(HttpStatusCode.Accepted, abroad.StatusCode);
        var hongKong = await abroad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, "852", 45L), (hongKong.GetProperty("parts").GetInt32(), hongKong.GetProperty("country").GetString(), hongKong.GetProperty("priceFen").GetInt64()));
        var uk = await longAbroad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, "44", 100L), (uk.GetProperty("parts").GetInt32(), uk.GetProperty("country").GetString(), uk.GetProperty("priceFen").GetInt64()));
        var china = await mainland.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, china.GetProperty("parts").GetInt32());
        Assert.Equal(JsonValueKind.Null, china.GetProperty("country").ValueKind);
        Assert.Equal(JsonValueKind.Null, china.GetProperty("priceFen").ValueKind);

        // The message lookup says the same.
        var looked = await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{uk.GetProperty("smsId").GetString()}");
        Assert.Equal(("44", 100L), (looked.GetProperty("country").GetString(), looked.GetProperty("priceFen").GetInt64()));

        var balance = await client.GetFromJsonAsync<JsonElement>("/api/v1/balance");
        Assert.Equal((99L, 1000L - 45 - 100), (balance.GetProperty("balance").GetInt64(), balance.GetProperty("moneyFen").GetInt64()));
        Assert.Equal(855, await InternationalWorld.MoneyAsync(_portal, account.Id));
    }

    [Fact]
    public async Task ABatchNamesTheChargeOfEachAcceptedNumberAndNothingForARefusedOne()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(_portal, account.Id, 1000);

        var response = await ClientFor(account).PostAsJsonAsync("/api/v1/messages/batch", new { mobiles = new[] { "852 91234567", "1 2025550123", "81 9012345678", "13900139000" }, templateId = 1, content = "1234" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal([2, 2, 4033, 2], items.Select(i => i.GetProperty("code").GetInt32()));
        Assert.Equal(("852", 30L, 1), (items[0].GetProperty("country").GetString(), items[0].GetProperty("priceFen").GetInt64(), items[0].GetProperty("parts").GetInt32()));
        Assert.Equal(("1", 25L), (items[1].GetProperty("country").GetString(), items[1].GetProperty("priceFen").GetInt64()));
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("priceFen").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("parts").ValueKind);
        Assert.Equal((JsonValueKind.Null, 1), (items[3].GetProperty("country").ValueKind, items[3].GetProperty("parts").GetInt32()));
        Assert.Equal(1000 - 30 - 25, await InternationalWorld.MoneyAsync(_portal, account.Id));
    }

    private HttpClient ClientFor(TestAccounts.Made account)
    {
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Id", account.ApiId);
        client.DefaultRequestHeaders.Add("X-Api-Key", account.ApiKey);
        return client;
    }
}
