namespace SmsPortal.Domain.Sending;

/// <summary>A number outside the mainland that libphonenumber accepted: its national significant number and ISO region ("HK").</summary>
public sealed record InternationalNumber(string National, string Region);
