using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>How a text too long for one message is sent.</summary>
public enum SmsLongMessageMode
{
    /// <summary>Several submit_sm, each short_message starting with a concatenation UDH (esm_class 0x40).</summary>
    Udh,

    /// <summary>Several submit_sm with sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs.</summary>
    Sar,

    /// <summary>One submit_sm with the whole text in message_payload; the SMSC splits it.</summary>
    Payload,
}
