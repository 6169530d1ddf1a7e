using System.Globalization;
using SmsPortal.Domain.International;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Security;

/// <summary>The vendor's international product (/webservice/isms.php, /isms/*.json) in the isolation matrix.</summary>
public sealed partial class TenantIsolationTests
{
    /// <summary>
    /// Each caller submits to a number abroad with A's template and asks for the money balance, with its own credentials
    /// (anonymous: A's API ID without a key). A is the positive control: its credentials and template pass and the number
    /// meets the next rule (no country abroad is enabled in this world: 4032). Nobody else gets past A's template or sees
    /// A's money; each member sees its own.
    /// </summary>
    private async Task InternationalVendorAsync(Caller caller, bool json, bool post)
    {
        var vendor = new VendorClient(world.ClientOf(caller), "isms");
        var member = world.MemberOf(caller);
        var (account, password) = member is null ? (A.ApiId, "") : (member.ApiId, member.ApiKey);
        var before = await SentWithTemplateAsync();

        // One valid Hong Kong mobile for every row: no row reaches the writer, so no per-number limit is met.

        var submit = await vendor.SubmitAsync(account, password, "852 91234567", "V1", A.TemplateId.ToString(CultureInfo.InvariantCulture), json, post);
        var num = await vendor.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account, ["password"] = password }, json, post);

        Assert.Equal(before, await SentWithTemplateAsync());
        if (caller == Caller.CustomerA)
        {
            Assert.True(submit.Code == (int)ResultCode.CountryNotAllowed, $"A with its own template abroad: {submit.Code} {submit.Msg}");
        }
        else
        {
            Assert.True(submit.Code != 2, $"LEAK: {caller} submitted abroad with A's template {A.TemplateId}");
            Assert.True(member is null || IsTemplateRefusal(submit.Code), $"{caller} with A's template abroad: {submit.Code} {submit.Msg}");
        }

        if (member is not null)
        {
            Assert.Equal((2, Fen.Format(await world.Portal.CheckedBalanceAsync(member.AccountId, LedgerCurrency.Cny))), (num.Code, num.Num));
        }
        else
        {
            Assert.NotEqual(2, num.Code);
            Assert.True(num.Num is null or "0", $"{caller} GetNum without A's key: {num.Num}");
        }
    }
}
