namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>message_state values (section 5.2.28), carried in receipts and query_sm_resp.</summary>
public enum SmppMessageState : byte
{
    Enroute = 1,
    Delivered = 2,
    Expired = 3,
    Deleted = 4,
    Undeliverable = 5,
    Accepted = 6,
    Unknown = 7,
    Rejected = 8,
}
