namespace SmsPortal.Infrastructure.Captcha;

/// <summary>A captcha that was checked, right or wrong: its id may not be checked again. Kept until it would have expired anyway.</summary>
public sealed class UsedCaptcha
{
    /// <summary>The captcha's random id, 32 hex digits.</summary>
    public required string Id { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
