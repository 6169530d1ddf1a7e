using Microsoft.Extensions.Localization;
using SmsPortal.Web.Features.Billing;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>The text of a refusal of the reseller's catalogue: its own selling texts first, then billing's, then the resellers'.</summary>
internal sealed class SellingErrors(IStringLocalizer<SellingText> selling, IStringLocalizer<BillingText> billing, IStringLocalizer<ResellerText> reseller)
{
    public string Text(string key) =>
        selling[key] is { ResourceNotFound: false } own ? own.Value
        : billing[key] is { ResourceNotFound: false } common ? common.Value
        : reseller[key].Value;
}
