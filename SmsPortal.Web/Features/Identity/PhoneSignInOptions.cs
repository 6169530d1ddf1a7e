namespace SmsPortal.Web.Features.Identity;

/// <summary>Section "PhoneSignIn": signing up and signing in with a code sent to a mobile.</summary>
internal sealed class PhoneSignInOptions
{
    public const string Section = "PhoneSignIn";

    /// <summary>
    /// The API ID of the account whose Verify service sends the portal's own codes and whose credits pay for them (the
    /// platform's own account). Unset: the pages that sign up or sign in by phone say they are not offered.
    /// </summary>
    public string? AccountApiId { get; set; }

    /// <summary>Codes one client address may ask for in an hour, across all its numbers (after the captcha and the 60 s gap per number).</summary>
    public int PerAddressPerHour { get; set; } = 10;
}
