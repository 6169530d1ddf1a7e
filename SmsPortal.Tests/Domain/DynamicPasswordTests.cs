using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class DynamicPasswordTests
{
    private const string Account = "C12345678";
    private const string ApiKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Mobile = "13800138000";
    private const string Content = "您的验证码是：1234。请不要把验证码泄露给其他人。";
    private const string Time = "1700000000";

    // Computed outside .NET (Python's hashlib) from the same strings.
    private const string SubmitHash = "6e71c19df3b5b26f4ae8aa925e294f76";
    private const string GetNumHash = "4f6299939f75ed9697336299b9c6ae47";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void TheSubmitPasswordIsTheMd5OfAccountKeyMobileContentAndTimeInLowerCaseHex()
    {
        Assert.Equal(SubmitHash, DynamicPassword.ForSubmit(Account, ApiKey, Mobile, Content, Time));
    }

    [Fact]
    public void TheGetNumPasswordIsTheMd5OfAccountKeyAndTime()
    {
        Assert.Equal(GetNumHash, DynamicPassword.ForGetNum(Account, ApiKey, Time));
    }

    [Fact]
    public void WithATemplateIdTheContentInTheHashIsTheValuesAsSent()
    {
        Assert.Equal("f20fccc6eea6d128e9a8d1c28e86694c", DynamicPassword.ForSubmit(Account, ApiKey, Mobile, "1234", Time));
    }

    [Fact]
    public void ACorrectDynamicPasswordWithinTheWindowPasses()
    {
        Assert.Null(DynamicPassword.CheckSubmit(SubmitHash, Account, ApiKey, Mobile, Content, Time, Now, DynamicPassword.DefaultWindow));
        Assert.Null(DynamicPassword.CheckGetNum(GetNumHash, Account, ApiKey, Time, Now, DynamicPassword.DefaultWindow));
    }

    [Fact]
    public void UpperCaseHexIsAcceptedToo()
    {
        Assert.Null(DynamicPassword.CheckSubmit(SubmitHash.ToUpperInvariant(), Account, ApiKey, Mobile, Content, Time, Now, DynamicPassword.DefaultWindow));
    }

    [Fact]
    public void ThePlainApiKeyPassesWithOrWithoutATime()
    {
        Assert.Null(DynamicPassword.CheckSubmit(ApiKey, Account, ApiKey, Mobile, Content, null, Now, DynamicPassword.DefaultWindow));
        Assert.Null(DynamicPassword.CheckSubmit(ApiKey, Account, ApiKey, Mobile, Content, "1000000000", Now, DynamicPassword.DefaultWindow));
        Assert.Null(DynamicPassword.CheckGetNum(ApiKey, Account, ApiKey, null, Now, DynamicPassword.DefaultWindow));
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    [InlineData(-86_400, false)]
    public void TheTimeMayBeFiveMinutesOffEitherWay(int secondsOff, bool passes)
    {
        var rejection = DynamicPassword.CheckSubmit(SubmitHash, Account, ApiKey, Mobile, Content, Time, Now.AddSeconds(-secondsOff), DynamicPassword.DefaultWindow);

        Assert.Equal(passes ? null : ResultCode.DynamicPasswordExpired, rejection?.Code);
    }

    [Fact]
    public void TheWindowIsASetting()
    {
        var later = Now.AddMinutes(2);

        Assert.Equal(ResultCode.DynamicPasswordExpired, DynamicPassword.CheckSubmit(SubmitHash, Account, ApiKey, Mobile, Content, Time, later, TimeSpan.FromMinutes(1))?.Code);
        Assert.Null(DynamicPassword.CheckSubmit(SubmitHash, Account, ApiKey, Mobile, Content, Time, later, TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void AHashOverAnythingElseIs40502()
    {
        var otherMobile = DynamicPassword.ForSubmit(Account, ApiKey, "13900139000", Content, Time);
        var otherKey = DynamicPassword.ForSubmit(Account, "ffffffffffffffffffffffffffffffff", Mobile, Content, Time);

        Assert.Equal(ResultCode.DynamicPasswordWrong, DynamicPassword.CheckSubmit(otherMobile, Account, ApiKey, Mobile, Content, Time, Now, DynamicPassword.DefaultWindow)?.Code);
        Assert.Equal(ResultCode.DynamicPasswordWrong, DynamicPassword.CheckSubmit(otherKey, Account, ApiKey, Mobile, Content, Time, Now, DynamicPassword.DefaultWindow)?.Code);
        Assert.Equal(ResultCode.DynamicPasswordWrong, DynamicPassword.CheckGetNum(SubmitHash, Account, ApiKey, Time, Now, DynamicPassword.DefaultWindow)?.Code);
    }

    [Fact]
    public void AWrongHashIs40502EvenWhenItsTimeIsOld()
    {
        var rejection = DynamicPassword.CheckSubmit("0123456789abcdef0123456789abcdef", Account, ApiKey, Mobile, Content, "1000000000", Now, DynamicPassword.DefaultWindow);

        Assert.Equal(ResultCode.DynamicPasswordWrong, rejection?.Code);
    }

    [Fact]
    public void AWrongPasswordWithoutATimeIsABadKey405()
    {
        Assert.Equal(ResultCode.BadCredentials, DynamicPassword.CheckSubmit(SubmitHash, Account, ApiKey, Mobile, Content, null, Now, DynamicPassword.DefaultWindow)?.Code);
        Assert.Equal(ResultCode.BadCredentials, DynamicPassword.CheckGetNum("not-the-key", Account, ApiKey, "", Now, DynamicPassword.DefaultWindow)?.Code);
    }

    [Fact]
    public void ATimeInMillisecondsIsNotTenDigitsAndSoExpired()
    {
        const string millis = "1700000000000";
        var hash = DynamicPassword.ForGetNum(Account, ApiKey, millis);

        Assert.Equal(ResultCode.DynamicPasswordExpired, DynamicPassword.CheckGetNum(hash, Account, ApiKey, millis, Now, DynamicPassword.DefaultWindow)?.Code);
    }
}
