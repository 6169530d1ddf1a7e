using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending.Countries;
using SmsPortal.Web.Features.International;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// The one rule for the text a destination gets (decision 0035, <see cref="CountryRules.ComposeFor"/>): the door, a batch's
/// confirmation and the console's preview all compose through it.
/// </summary>
public sealed class ComposeForDestinationTests
{
    private static readonly CountryRules Rules = new(Options.Create(new CountryRulesOptions { SignatureBrackets = "86, 853" }));

    [Fact]
    public void TheMainlandAndACountryWithBracketsGetTheSignatureInFront()
    {
        Assert.Equal("【SmsPortal】Your code is 1234", Rules.ComposeFor("86", "SmsPortal", "Your code is 1234", false));
        Assert.Equal("【SmsPortal】Your code is 1234", Rules.ComposeFor("853", "SmsPortal", "Your code is 1234", false));
        Assert.True(Rules.UsesSignatureBrackets(MobileNumber.Parse("13800138000").Value!));
    }

    [Fact]
    public void ACountryWithoutBracketsGetsTheBodyAloneUnlessTheCustomerWroteTheSignature()
    {
        Assert.Equal("Your code is 1234", Rules.ComposeFor("852", "SmsPortal", "Your code is 1234", false));
        Assert.Equal("【Shop】Your code is 1234", Rules.ComposeFor("852", "Shop", "Your code is 1234", true));
        Assert.False(Rules.UsesSignatureBrackets(MobileNumber.Parse("852 91234567").Value!));
    }

    [Fact]
    public void TheTextAbroadWithoutBracketsIsCountedInGsm7()
    {
        // 161 Latin characters: two GSM-7 parts abroad (153 a part); with the 【signature】 it is UCS-2 and three parts of 67.
        var body = new string('a', 161);
        Assert.Equal((SmsEncoding.Gsm7, 2), (SegmentCounter.Count(Rules.ComposeFor("44", "SmsPortal", body, false)).Encoding, SegmentCounter.Count(Rules.ComposeFor("44", "SmsPortal", body, false)).Parts));
        Assert.Equal((SmsEncoding.Ucs2, 3), (SegmentCounter.Count(Rules.ComposeFor("86", "SmsPortal", body, false)).Encoding, SegmentCounter.Count(Rules.ComposeFor("86", "SmsPortal", body, false)).Parts));
    }

    [Fact]
    public void ACountryIsNamedInTheReadersLanguageWithItsCode()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var texts = new Microsoft.Extensions.Localization.StringLocalizer<IntlViewText>(
            new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            Assert.Equal("Hong Kong +852", CountryName.Of("852", texts));
            Assert.Equal("Chile +56", CountryName.Of("56", texts));
            Assert.Equal("+999", CountryName.Of("999", texts));
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
            Assert.Equal("中国香港 +852", CountryName.Of("852", texts));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }
}
