using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>An SMS-STATUS-REPORT: what became of the submit with this message reference.</summary>
/// <param name="Status">TP-ST (23.040 §9.2.3.15): below 0x20 delivered, 0x20–0x3F still trying, 0x40 and up failed for good.</param>
internal sealed record StatusReportPdu(byte Reference, string Recipient, byte Status)
{
    public bool IsFinal => Status is < 0x20 or >= 0x40;

    public bool Delivered => Status < 0x20;
}
