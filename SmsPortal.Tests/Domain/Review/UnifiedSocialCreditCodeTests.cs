using SmsPortal.Domain.Review;

namespace SmsPortal.Tests.Domain.Review;

public sealed class UnifiedSocialCreditCodeTests
{
    // Each verified by hand: the GB 32100 sum mod 31 and the GB 11714 sum mod 11 (see the comments of the invalid ones).
    [Theory]
    [InlineData("91350100M000100Y43")]   // an early Fuzhou code: organisation code M000100Y, check 4
    [InlineData("91110108MA01KP2T5U")]   // Beijing, Haidian: MA01KP2T → 5; Σ = 2577, 2577 mod 31 = 4, 31 − 4 = 27 → U
    [InlineData("9144030071526726XG")]   // organisation check 10 is written X
    [InlineData("914403001922038216")]
    [InlineData("91330100716105852F")]
    [InlineData("91310110666007217T")]
    [InlineData("91230184MA1BUFLT44")]
    [InlineData("92371000MA3MXH0E3W")]   // an individual business (92)
    public void AcceptsRealCodes(string code)
    {
        Assert.Null(UnifiedSocialCreditCode.Check(code));
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
    }

    [Theory]
    [InlineData(" 9135 0100 M000 100Y 43 ")]
    [InlineData("91350100m000100y43")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３")]
    public void ReadsCodesAsPeopleTypeThem(string typed)
    {
        Assert.Equal("91350100M000100Y43", UnifiedSocialCreditCode.Normalise(typed));
        Assert.Null(UnifiedSocialCreditCode.Check(typed));
    }

    [Theory]
    [InlineData(null, CreditCodeProblem.Empty)]
    [InlineData("  ", CreditCodeProblem.Empty)]
    [InlineData("91350100M000100Y4", CreditCodeProblem.Length)]
    [InlineData("91350100M000100Y433", CreditCodeProblem.Length)]
    [InlineData("91350100M000100I43", CreditCodeProblem.Character)]   // I is not in GB 32100's set
    [InlineData("91350100M0001O0Y43", CreditCodeProblem.Character)]   // nor O
    [InlineData("9135010AM000100Y43", CreditCodeProblem.Character)]   // the administrative division is six digits
    [InlineData("91350100M000100Y-3", CreditCodeProblem.Character)]
    [InlineData("91350100M000100Y53", CreditCodeProblem.OrganisationCode)]   // M000100Y needs 4
    [InlineData("9144030071526726AG", CreditCodeProblem.OrganisationCode)]   // 71526726 needs X
    [InlineData("91350100M000100Y44", CreditCodeProblem.CheckCharacter)]   // needs 3
    [InlineData("91110108MA01KP2T5H", CreditCodeProblem.CheckCharacter)]   // a code going round with H; the sum gives U
    [InlineData("91350211M00013FA1N", CreditCodeProblem.CheckCharacter)]   // an early pilot code that breaks the standard
    [InlineData("91350100M000100Y34", CreditCodeProblem.OrganisationCode)]   // two characters swapped
    public void RefusesCodesWithWhatIsWrong(string? code, CreditCodeProblem expected)
    {
        Assert.Equal(expected, UnifiedSocialCreditCode.Check(code));
    }

    [Fact]
    public void ACheckOf31IsWrittenZero()
    {
        // 91350102M000100Y4: Σ = 1674 = 54 × 31, so 31 − 0 = 31, which the standard writes 0.
        Assert.Equal('0', UnifiedSocialCreditCode.CheckCharacter("91350102M000100Y4"));
        Assert.Null(UnifiedSocialCreditCode.Check("91350102M000100Y40"));
    }

    [Theory]
    [InlineData("M000100Y", '4')]
    [InlineData("71526726", 'X')]
    [InlineData("19220382", '1')]
    [InlineData("MA01KP2T", '5')]
    [InlineData("00000000", '0')]   // 11 − 0 = 11 is written 0
    public void TheOrganisationCodeCheckFollowsGb11714(string body, char expected)
    {
        Assert.Equal(expected, UnifiedSocialCreditCode.OrganisationCheckCharacter(body));
    }
}
