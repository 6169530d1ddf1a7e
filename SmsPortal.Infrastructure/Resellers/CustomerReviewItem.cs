using SmsPortal.Domain.Review;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>A signature or a template a reseller's customer filed, and what the platform's admins decided about it.</summary>
/// <param name="IsTemplate">False for a signature.</param>
public sealed record CustomerReviewItem(bool IsTemplate, int Id, string Text, ReviewState State, string? RejectionReason, DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt);
