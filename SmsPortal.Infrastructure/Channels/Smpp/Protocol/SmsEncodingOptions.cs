using System.Text;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>How texts are encoded and split.</summary>
/// <param name="Gsm7Packed">data_coding 0 as packed septets (7 bits each); false sends one septet per octet, as most SMSCs expect over SMPP.</param>
/// <param name="SixteenBitReference">UDH with IEI 0x08 (16-bit reference) instead of IEI 0x00 (8-bit), one character less per part.</param>
public sealed record SmsEncodingOptions(
    SmsCodingPreference Coding = SmsCodingPreference.Auto,
    bool Gsm7Packed = false,
    SmsLongMessageMode LongMessages = SmsLongMessageMode.Udh,
    bool SixteenBitReference = false);
