using SmsPortal.Domain.Review;

namespace SmsPortal.Tests.Domain.Review;

public sealed class VerificationRulesTests
{
    [Fact]
    public void ACompleteVerificationHasNoFaults()
    {
        Assert.Empty(VerificationRules.Check(Complete()));
    }

    [Fact]
    public void EveryMissingFieldIsNamed()
    {
        var faults = VerificationRules.Check(new EnterpriseVerification());

        Assert.Equal(
            [VerificationField.CompanyName, VerificationField.CreditCode, VerificationField.Licence, VerificationField.ContactName, VerificationField.ContactPhone],
            faults.Select(f => f.Field));
        Assert.Equal(CreditCodeProblem.Empty, faults[1].CreditCode);
    }

    [Fact]
    public void AWrongCheckCharacterIsNamed()
    {
        var verification = Complete();
        verification.CreditCode = "91110108MA01KP2T5H";

        var fault = Assert.Single(VerificationRules.Check(verification));

        Assert.Equal(VerificationField.CreditCode, fault.Field);
        Assert.Equal(CreditCodeProblem.CheckCharacter, fault.CreditCode);
    }

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("+86 138-0013-8000", true)]
    [InlineData("010-12345678", true)]
    [InlineData("0591 8765 4321", true)]
    [InlineData("12345", false)]
    [InlineData("010-1234", false)]
    [InlineData("call me", false)]
    [InlineData("", false)]
    public void AContactPhoneIsAMobileOrALandline(string phone, bool valid)
    {
        Assert.Equal(valid, VerificationRules.IsPhone(phone));
    }

    private static EnterpriseVerification Complete() => new()
    {
        CompanyName = "福州示例科技有限公司",
        CreditCode = "91350100M000100Y43",
        Licence = new StoredDocument { FileName = "a.pdf", Type = DocumentType.Pdf, Length = 10 },
        ContactName = "张三",
        ContactPhone = "13800138000",
    };
}
