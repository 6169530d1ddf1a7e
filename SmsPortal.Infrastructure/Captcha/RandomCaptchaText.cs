using System.Security.Cryptography;

namespace SmsPortal.Infrastructure.Captcha;

/// <summary>Five characters from a set without the look-alikes (0/O, 1/I/L), drawn with the system's secure random.</summary>
internal sealed class RandomCaptchaText : ICaptchaText
{
    public const string Characters = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int Length = 5;

    public string Next() => RandomNumberGenerator.GetString(Characters, Length);
}
