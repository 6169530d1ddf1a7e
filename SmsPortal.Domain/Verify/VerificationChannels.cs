namespace SmsPortal.Domain.Verify;

/// <summary>The channels a code may be sent by: SMS, or a call that speaks it (when the install has a voice channel).</summary>
public static class VerificationChannels
{
    public const string Sms = "sms";
    public const string Call = "call";
}
