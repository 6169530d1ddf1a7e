namespace SmsPortal.Infrastructure.Channels.Voice;

/// <summary>A call the voice simulator recorded: the characters it would speak, one by one ("4 8 1 5 9 2").</summary>
public sealed record SimulatedCall(string Sid, string Mobile, string Spoken, DateTimeOffset At)
{
    public string Digits => Spoken.Replace(" ", "", StringComparison.Ordinal);
}
