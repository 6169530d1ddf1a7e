namespace SmsPortal.Domain.Review;

/// <summary>A message template with 【变量】 placeholders, filed by an account and reviewed by an admin.</summary>
public sealed class MessageTemplate : IReviewable
{
    /// <summary>The id of the default template, which the platform seeds and trial accounts are limited to.</summary>
    public const int DefaultId = 1;

    /// <summary>The vendor's default verification-code template, id 1, available to every account.</summary>
    public const string DefaultText = "您的验证码是：【变量】。请不要把验证码泄露给其他人。";

    public const int NameMaxLength = 40;

    public int Id { get; set; }

    /// <summary>The owning account; null for the platform's templates (id 1 among them).</summary>
    public int? AccountId { get; set; }

    /// <summary>The customer's own label for the template ("Login code"); optional.</summary>
    public string? Name { get; set; }

    public TemplateKind Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>The longest value (characters) one variable may take when sending: 40722 above it. The vendor's default is 8.</summary>
    public int MaxVariableLength { get; set; } = TemplateRules.DefaultMaxVariableLength;

    /// <summary>Example values, one per placeholder in order, joined by | as the vendor's content carries them; for the reviewer's preview.</summary>
    public string? SampleValues { get; set; }

    public ReviewState State { get; set; }

    public string? RejectionReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }
}

public enum TemplateKind
{
    VerificationCode = 0,
    Notification = 1,
    Marketing = 2,
}
