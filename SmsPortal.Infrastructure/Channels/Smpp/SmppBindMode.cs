namespace SmsPortal.Infrastructure.Channels.Smpp;

public enum SmppBindMode
{
    /// <summary>One bind_transceiver: submits out, receipts and replies in.</summary>
    Transceiver,

    /// <summary>A bind_transmitter for submits and a bind_receiver for receipts and replies, on two connections.</summary>
    TxRx,
}
