using System.Globalization;
using Microsoft.Extensions.Localization;
using PhoneNumbers;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Web.Features.International;

/// <summary>A calling code as people read it: the country's name in the reader's language and its code ("Hong Kong +852", "中国香港 +852").</summary>
public static class CountryName
{
    /// <summary>
    /// The name from the texts (<c>Country.852</c>, the usual destinations), else the English name of the code's main
    /// region by libphonenumber (.NET names regions in their own language only); the code alone when it names no region.
    /// </summary>
    public static string Of(string? countryCode, IStringLocalizer<IntlViewText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var code = string.IsNullOrEmpty(countryCode) ? CountryCallingCodes.Mainland : countryCode;
        if (texts["Country." + code] is { ResourceNotFound: false } named)
        {
            return named.Value + " +" + code;
        }

        if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || PhoneNumberUtil.GetInstance().GetRegionCodeForCountryCode(number) is not { Length: 2 } region || region == "ZZ")
        {
            return "+" + code;
        }

        try
        {
            return new RegionInfo(region).EnglishName + " +" + code;
        }
        catch (ArgumentException)
        {
            return region + " +" + code;
        }
    }
}
