using SmsPortal.Domain.Review;

namespace SmsPortal.Tests.Domain.Review;

public sealed class ReviewFlowTests
{
    private static readonly DateTimeOffset Filed = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Later = Filed.AddMinutes(25);

    [Fact]
    public void ADraftIsHandedInAndWaitsFromThen()
    {
        var verification = new EnterpriseVerification { CreatedAt = Filed };

        Assert.Null(ReviewFlow.Submit(verification, Later));

        Assert.Equal(ReviewState.Pending, verification.State);
        Assert.Equal(Later, verification.SubmittedAt);
    }

    [Fact]
    public void APendingItemIsApprovedWithWhoAndWhen()
    {
        var template = Pending();

        Assert.Null(ReviewFlow.Approve(template, "admin@example.com", Later));

        Assert.Equal(ReviewState.Approved, template.State);
        Assert.Equal(Later, template.ReviewedAt);
        Assert.Equal("admin@example.com", template.ReviewedBy);
        Assert.Null(template.RejectionReason);
    }

    [Fact]
    public void ARejectionNeedsAReasonAndKeepsIt()
    {
        var template = Pending();

        Assert.Equal(ReviewProblem.ReasonMissing, ReviewFlow.Reject(template, "  ", "admin", Later));
        Assert.Equal(ReviewState.Pending, template.State);
        Assert.Equal(ReviewProblem.ReasonTooLong, ReviewFlow.Reject(template, new string('x', 501), "admin", Later));

        Assert.Null(ReviewFlow.Reject(template, " 营销内容不能用于验证码模板 ", "admin", Later));
        Assert.Equal(ReviewState.Rejected, template.State);
        Assert.Equal("营销内容不能用于验证码模板", template.RejectionReason);
    }

    [Theory]
    [InlineData(ReviewState.Approved)]
    [InlineData(ReviewState.Rejected)]
    [InlineData(ReviewState.Draft)]
    public void OnlyAPendingItemIsDecided(ReviewState state)
    {
        var signature = new Signature { Text = "Acme", State = state };

        Assert.Equal(ReviewProblem.NotPending, ReviewFlow.Approve(signature, "admin", Later));
        Assert.Equal(ReviewProblem.NotPending, ReviewFlow.Reject(signature, "why", "admin", Later));
        Assert.Equal(state, signature.State);
    }

    [Fact]
    public void ARejectedItemIsCorrectedAndHandedInAgain()
    {
        var template = Pending();
        ReviewFlow.Reject(template, "too vague", "admin", Later);

        Assert.True(ReviewFlow.CanEdit(template.State));
        Assert.Null(ReviewFlow.Submit(template, Later.AddHours(1)));

        Assert.Equal(ReviewState.Pending, template.State);
        Assert.Null(template.RejectionReason);
        Assert.Null(template.ReviewedBy);
        Assert.Equal(Later.AddHours(1), template.SubmittedAt);
    }

    [Theory]
    [InlineData(ReviewState.Pending)]
    [InlineData(ReviewState.Approved)]
    public void PendingAndApprovedItemsAreNotChanged(ReviewState state)
    {
        var template = new MessageTemplate { Text = "x", State = state, SubmittedAt = Filed };

        Assert.False(ReviewFlow.CanEdit(state));
        Assert.Equal(ReviewProblem.NotEditable, ReviewFlow.Submit(template, Later));
        Assert.Equal(Filed, template.SubmittedAt);
    }

    private static MessageTemplate Pending() => new() { Text = "您的订单【单号】已发货", State = ReviewState.Pending, SubmittedAt = Filed };
}
