namespace SmsPortal.Infrastructure.Channels.Voice;

/// <summary>An upstream that calls a number and speaks a code: an HTTP voice provider (<c>Type = HttpVoice</c>) or the voice simulator.</summary>
public interface IVoiceChannel
{
    string Name { get; }

    /// <summary>Places the call; the answer says whether the provider took it and keeps its raw reply for the record.</summary>
    Task<ChannelAnswer> CallAsync(VoiceCall call, CancellationToken cancellationToken);
}
