using SmsPortal.Domain.Resellers;

namespace SmsPortal.Tests.Domain;

public sealed class WholesaleRulesTests
{
    [Theory]
    [InlineData(WholesaleUnit.PerSms, "0.035", null, 1000L, "35")]
    [InlineData(WholesaleUnit.PerSms, "0.0333", null, 3L, "0.0999")]
    [InlineData(WholesaleUnit.PerPackage, "300", 10_000, 1000L, "30")]
    [InlineData(WholesaleUnit.PerPackage, "100", 3, 1L, "33.333333333333333333333333333")]
    public void TheCostOfCreditsIsTheWholesalePricePerSmsOrProRataOfThePackage(WholesaleUnit unit, string price, int? packageSms, long sms, string cost) =>
        Assert.Equal(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), WholesaleRules.CostOf(unit, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), packageSms, sms));

    [Theory]
    [InlineData("35", "35")]
    [InlineData("0.0999", "0.10")]
    [InlineData("33.333333", "33.34")]
    [InlineData("12.301", "12.31")]
    public void WhatTheResellerPaysIsTheCostRoundedUpToTheFen(string cost, string payable) =>
        Assert.Equal(decimal.Parse(payable, System.Globalization.CultureInfo.InvariantCulture), WholesaleRules.Payable(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void APriceBelowTheCostIsRefusedAndOneAtOrAboveItStands()
    {
        Assert.Equal("Error.BelowWholesaleCost", WholesaleRules.CheckRetailPrice(34.99m, 35m));
        Assert.Equal("Error.BelowWholesaleCost", WholesaleRules.CheckRetailPrice(33.33m, 100m / 3));
        Assert.Null(WholesaleRules.CheckRetailPrice(35m, 35m));
        Assert.Null(WholesaleRules.CheckRetailPrice(33.34m, 100m / 3));
        Assert.Null(WholesaleRules.CheckRetailPrice(50m, 35m));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("40.001")]
    [InlineData("10000000.01")]
    public void APriceThatIsNoPriceIsRefusedWhateverTheCost(string price) =>
        Assert.Equal("Error.Price", WholesaleRules.CheckRetailPrice(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), 0.01m));

    [Fact]
    public void AWholesalePricePerPackageWithoutItsSizeIsADefectNotAPrice() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WholesaleRules.CostOf(WholesaleUnit.PerPackage, 300m, null, 1000));

    [Fact]
    public void TheSellersTaxDetailsNeedEveryLine()
    {
        Assert.Null(WholesaleRules.CheckTaxDetails("福州代理短信有限公司", "91350100MA2ABCDE9Y", "福州市鼓楼区 0591-88880000", "招商银行福州分行 591912345678"));
        Assert.Equal("Error.TaxName", WholesaleRules.CheckTaxDetails(" ", "91350100MA2ABCDE9Y", "a", "b"));
        Assert.Equal("Error.TaxNumber", WholesaleRules.CheckTaxDetails("Agent Co", "1234", "a", "b"));
        Assert.Equal("Error.TaxNumber", WholesaleRules.CheckTaxDetails("Agent Co", "91350100-MA2ABCDE9", "a", "b"));
        Assert.Equal("Error.TaxLines", WholesaleRules.CheckTaxDetails("Agent Co", "91350100MA2ABCDE9Y", null, "b"));
        Assert.Equal("Error.TaxLines", WholesaleRules.CheckTaxDetails("Agent Co", "91350100MA2ABCDE9Y", "a", new string('x', 201)));
    }
}
