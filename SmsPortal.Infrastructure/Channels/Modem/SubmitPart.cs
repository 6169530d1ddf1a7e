using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>One SMS-SUBMIT as AT+CMGS takes it: the hex (SMSC address first) and the TPDU length AT+CMGS=&lt;length&gt; names.</summary>
internal sealed record SubmitPart(string Hex, int TpduLength, int Sequence, int Total);
