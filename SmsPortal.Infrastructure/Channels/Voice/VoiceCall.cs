namespace SmsPortal.Infrastructure.Channels.Voice;

/// <summary>One call that speaks <paramref name="Code"/> to <paramref name="Mobile"/> (E.164), for the verification <paramref name="Sid"/>.</summary>
public sealed record VoiceCall(string Sid, string Mobile, string Code, string? Locale);
