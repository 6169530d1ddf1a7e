using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class MobileNumberTests
{
    [Theory]
    [InlineData("13800138000")]
    [InlineData("+8613800138000")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("008613800138000")]
    [InlineData("0086 138-0013-8000")]
    [InlineData("8613800138000")]
    [InlineData("86 13800138000")]
    [InlineData("138-0013-8000")]
    [InlineData("  138 0013 8000 ")]
    public void MainlandNumbersInEveryUsualWritingBecomeTheElevenDigitForm(string written)
    {
        var parsed = MobileNumber.Parse(written);

        Assert.True(parsed.IsAccepted);
        Assert.Equal("13800138000", parsed.Value.Value);
        Assert.True(parsed.Value.IsMainland);
        Assert.Equal("+8613800138000", parsed.Value.E164);
    }

    [Theory]
    [InlineData("852 91234567", "852", "91234567", "852 91234567")]
    [InlineData("+852 9123 4567", "852", "91234567", "852 91234567")]
    [InlineData("+85291234567", "852", "91234567", "852 91234567")]
    [InlineData("886 912345678", "886", "912345678", "886 912345678")]
    [InlineData("1 2025550123", "1", "2025550123", "1 2025550123")]
    [InlineData("+447911123456", "44", "7911123456", "44 7911123456")]
    [InlineData("65 81234567", "65", "81234567", "65 81234567")]
    [InlineData("00852 9123 4567", "852", "91234567", "852 91234567")]
    [InlineData("0085291234567", "852", "91234567", "852 91234567")]
    [InlineData("+852 9123-4567", "852", "91234567", "852 91234567")]
    [InlineData("852 9123-4567", "852", "91234567", "852 91234567")]
    [InlineData("00853 6612 3456", "853", "66123456", "853 66123456")]
    [InlineData("+81 90-1234-5678", "81", "9012345678", "81 9012345678")]
    public void InternationalNumbersKeepTheirCountryCodeInTheVendorsForm(string written, string countryCode, string national, string value)
    {
        var parsed = MobileNumber.Parse(written);

        Assert.True(parsed.IsAccepted);
        Assert.Equal(countryCode, parsed.Value.CountryCode);
        Assert.Equal(national, parsed.Value.NationalNumber);
        Assert.Equal(value, parsed.Value.Value);
        Assert.False(parsed.Value.IsMainland);
        Assert.Equal(Carrier.Unknown, parsed.Value.Carrier);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AMissingNumberIs403(string? written)
    {
        Assert.Equal(ResultCode.MobileMissing, MobileNumber.Parse(written).Rejection?.Code);
    }

    [Theory]
    [InlineData("1380013800")]       // ten digits
    [InlineData("138001380001")]     // twelve digits
    [InlineData("12800138000")]      // 12x is not a mobile segment
    [InlineData("10086")]            // a service number
    [InlineData("23800138000")]
    [InlineData("1380013800a")]
    [InlineData("１３８００１３８０００")] // full-width digits
    [InlineData("138.0013.8000")]
    [InlineData("+86 12800138000")]
    [InlineData("86 1380013800")]
    [InlineData("999 12345678")]     // no such country code
    [InlineData("852 091234567")]    // trunk 0 kept
    [InlineData("852 123")]          // too short
    [InlineData("852 1234567890123456")] // longer than E.164 allows
    [InlineData("+")]
    [InlineData("852 21234567")]     // a Hong Kong fixed line, not a mobile
    [InlineData("+85221234567")]
    [InlineData("853 12345678")]     // no such Macau number
    [InlineData("44 7700900123")]    // a range the UK keeps for drama, valid nowhere
    [InlineData("00852 1234")]
    [InlineData("0099912345678")]    // 00 and no country code
    [InlineData("13800138000,13900139000")]
    public void AnythingElseIs406(string written)
    {
        Assert.Equal(ResultCode.BadMobileFormat, MobileNumber.Parse(written).Rejection?.Code);
    }

    [Theory]
    [InlineData("13800138000", Carrier.ChinaMobile)]
    [InlineData("13912345678", Carrier.ChinaMobile)]
    [InlineData("15012345678", Carrier.ChinaMobile)]
    [InlineData("18812345678", Carrier.ChinaMobile)]
    [InlineData("19512345678", Carrier.ChinaMobile)]
    [InlineData("19812345678", Carrier.ChinaMobile)]
    [InlineData("13012345678", Carrier.ChinaUnicom)]
    [InlineData("15612345678", Carrier.ChinaUnicom)]
    [InlineData("16612345678", Carrier.ChinaUnicom)]
    [InlineData("18612345678", Carrier.ChinaUnicom)]
    [InlineData("19612345678", Carrier.ChinaUnicom)]
    [InlineData("13312345678", Carrier.ChinaTelecom)]
    [InlineData("15312345678", Carrier.ChinaTelecom)]
    [InlineData("17712345678", Carrier.ChinaTelecom)]
    [InlineData("18912345678", Carrier.ChinaTelecom)]
    [InlineData("19012345678", Carrier.ChinaTelecom)]
    [InlineData("19912345678", Carrier.ChinaTelecom)]
    [InlineData("13491234567", Carrier.ChinaTelecom)]
    [InlineData("19212345678", Carrier.ChinaBroadnet)]
    [InlineData("15412345678", Carrier.Unknown)]
    [InlineData("17412345678", Carrier.Unknown)]
    public void TheMainlandCarrierFollowsTheSegmentAllocation(string number, Carrier carrier)
    {
        var parsed = MobileNumber.Parse(number);

        Assert.True(parsed.IsAccepted);
        Assert.Equal(carrier, parsed.Value.Carrier);
        Assert.False(parsed.Value.IsVirtualOperator);
    }

    [Theory]
    [InlineData("17001234567", Carrier.ChinaTelecom)]
    [InlineData("17021234567", Carrier.ChinaTelecom)]
    [InlineData("17031234567", Carrier.ChinaMobile)]
    [InlineData("17051234567", Carrier.ChinaMobile)]
    [InlineData("17041234567", Carrier.ChinaUnicom)]
    [InlineData("17091234567", Carrier.ChinaUnicom)]
    [InlineData("17112345678", Carrier.ChinaUnicom)]
    [InlineData("16212345678", Carrier.ChinaTelecom)]
    [InlineData("16512345678", Carrier.ChinaMobile)]
    [InlineData("16712345678", Carrier.ChinaUnicom)]
    public void VirtualOperatorNumbersBelongToTheirHostNetwork(string number, Carrier carrier)
    {
        var parsed = MobileNumber.Parse(number);

        Assert.True(parsed.IsAccepted);
        Assert.Equal(carrier, parsed.Value.Carrier);
        Assert.True(parsed.Value.IsVirtualOperator);
    }

    [Theory]
    [InlineData("852 91234567", "HK")]
    [InlineData("+6591234567", "SG")]
    [InlineData("1 2025550123", "US")]
    [InlineData("13800138000", "CN")]
    public void ANumberKnowsItsRegion(string written, string region)
    {
        Assert.Equal(region, MobileNumber.Parse(written).Value!.Region);
    }

    [Fact]
    public void ARefusedInternationalNumberSaysWhyForTheRecords()
    {
        Assert.Contains("not a mobile number", MobileNumber.Parse("852 21234567").Rejection!.Detail, StringComparison.Ordinal);
        Assert.Contains("not a valid number", MobileNumber.Parse("853 12345678").Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWritingsOfOneNumberAreEqual()
    {
        Assert.Equal(MobileNumber.Parse("+86 138 0013 8000").Value, MobileNumber.Parse("13800138000").Value);
        Assert.Equal(MobileNumber.Parse("+85291234567").Value, MobileNumber.Parse("852 91234567").Value);
    }
}
