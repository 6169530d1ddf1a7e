using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class TrialPolicyTests
{
    private const string PlatformSignature = "短信平台";

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    public void AnAccountIsOnTrialUntilItIsBothVerifiedAndHasPaid(bool verified, bool paid, bool inTrial)
    {
        Assert.Equal(inTrial, TrialPolicy.IsInTrial(verified, paid));
    }

    [Fact]
    public void ATrialAccountMaySendTheDefaultTemplateUnderThePlatformSignature()
    {
        Assert.Null(TrialPolicy.Check(false, false, MessageTemplate.DefaultId, PlatformSignature, PlatformSignature));
    }

    [Fact]
    public void ATrialAccountsOwnTemplateIs4072()
    {
        var rejection = TrialPolicy.Check(true, false, 42, PlatformSignature, PlatformSignature);

        Assert.Equal(ResultCode.TemplateMismatch, rejection?.Code);
    }

    [Fact]
    public void ATrialAccountsOwnSignatureIs4075()
    {
        var rejection = TrialPolicy.Check(false, true, MessageTemplate.DefaultId, "京东", PlatformSignature);

        Assert.Equal(ResultCode.SignatureNotApproved, rejection?.Code);
        Assert.Equal("签名未通过审核", rejection?.Message);
    }

    [Fact]
    public void AVerifiedPayingAccountSendsItsOwnTemplatesAndSignatures()
    {
        Assert.Null(TrialPolicy.Check(true, true, 42, "京东", PlatformSignature));
    }
}
