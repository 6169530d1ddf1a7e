namespace SmsPortal.Infrastructure.Channels.Voice;

/// <summary>
/// An HTTP voice-call provider, set up exactly as an HTTP SMS provider (<c>Url</c>, <c>Method</c>, <c>Body</c>,
/// <c>Fields:*</c>, <c>SuccessPattern</c> or <c>SuccessJsonPointer</c>, …) and sent by the same client: the call is
/// handed over as a message whose <c>{mobile}</c> is the number (E.164), <c>{content}</c> the code to speak and
/// <c>{smsid}</c> the verification's sid. The provider's own voice template says the words around the code.
/// </summary>
internal sealed class HttpVoiceChannel(ISmsChannel transport) : IVoiceChannel, IAsyncDisposable
{
    public const string TypeName = "HttpVoice";

    public string Name => transport.Name;

    public Task<ChannelAnswer> CallAsync(VoiceCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return transport.SubmitAsync(new OutboundMessage(0, call.Sid, call.Mobile, call.Code, 1), cancellationToken);
    }

    public ValueTask DisposeAsync() => transport.DisposeAsync();
}
