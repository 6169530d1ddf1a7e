using Microsoft.Extensions.Localization;
using SmsPortal.Web.Features.Billing;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>The text of a refusal of the reseller's catalogue: its own selling texts first, then billing's, international's (a package's money), then the resellers'.</summary>
internal sealed class SellingErrors(IStringLocalizer<SellingText> selling, IStringLocalizer<BillingText> billing, IStringLocalizer<International.InternationalText> international, IStringLocalizer<ResellerText> reseller)
{
    public string Text(string key) =>
        selling[key] is { ResourceNotFound: false } own ? own.Value
        : billing[key] is { ResourceNotFound: false } common ? common.Value
        : international[key] is { ResourceNotFound: false } money ? money.Value
        : reseller[key].Value;
}
