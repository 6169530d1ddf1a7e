using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>A handset's message to the platform (an MO SMS), as a channel received it.</summary>
/// <param name="From">The handset's number, as the upstream wrote it (the pipeline normalises it).</param>
/// <param name="To">The number it was sent to (the platform's source address, perhaps with an extension).</param>
/// <param name="Text">Decoded text; long replies already joined.</param>
/// <param name="Raw">What the upstream sent, for the record.</param>
/// <param name="AnswersUpstreamId">The upstream's id of the message this replies to, when the upstream says (HTTP providers in the vendor's form do).</param>
public sealed record InboundReply(string From, string To, string Text, DateTimeOffset ReceivedAt, string Raw, string? AnswersUpstreamId = null);
