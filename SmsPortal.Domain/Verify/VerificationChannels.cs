namespace SmsPortal.Domain.Verify;

/// <summary>The channels a code may be sent by. Only SMS is built; a voice channel is not (yet).</summary>
public static class VerificationChannels
{
    public const string Sms = "sms";
    public const string Call = "call";
}
