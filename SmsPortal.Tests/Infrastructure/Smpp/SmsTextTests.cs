using System.Text;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp;

public sealed class SmsTextTests
{
    [Fact]
    public void PacksGsm7AsTheSpecsExampleDoes()
    {
        // 3GPP TS 23.038 / the classic "hellohello" vector.
        var septets = Gsm7.Encode("hellohello")!;
        Assert.Equal(Convert.FromHexString("E8329BFD4697D9EC37"), Gsm7.Pack(septets));
        Assert.Equal("hellohello", Gsm7.Decode(Gsm7.Unpack(Convert.FromHexString("E8329BFD4697D9EC37"))));
        // Eight septets fill seven octets exactly.
        Assert.Equal(Convert.FromHexString("31D98C56B3DD70"), Gsm7.Pack(Gsm7.Encode("12345678")));
        Assert.Equal("12345678", Gsm7.Decode(Gsm7.Unpack(Convert.FromHexString("31D98C56B3DD70"))));
    }

    [Fact]
    public void SevenSeptetsArePaddedWithACarriageReturnThatTheReaderDrops()
    {
        var packed = Gsm7.Pack(Gsm7.Encode("1234567"));
        Assert.Equal(7, packed.Length);
        Assert.Equal(0x0D << 1, packed[^1] & 0xFE);
        Assert.Equal("1234567", Gsm7.Decode(Gsm7.Unpack(packed)));
    }

    [Fact]
    public void TheExtensionTableTakesTwoSeptets()
    {
        var septets = Gsm7.Encode("€[x]{}")!;
        Assert.Equal(11, septets.Length);
        Assert.Equal([0x1B, 0x65], septets[..2]);
        Assert.Equal("€[x]{}", Gsm7.Decode(Gsm7.Unpack(Gsm7.Pack(septets))));
        Assert.Null(Gsm7.Encode("中"));
        Assert.Equal("@£$¥ÄÖ§", Gsm7.Decode(Gsm7.Encode("@£$¥ÄÖ§")!));
    }

    [Theory]
    [InlineData("Your code is 1234", DataCoding.Default)]
    [InlineData("Price: 5€ {promo}", DataCoding.Default)]
    [InlineData("【云片】您的验证码是1234", DataCoding.Ucs2)]
    [InlineData("Thanks 👍", DataCoding.Ucs2)]
    public void ChoosesGsm7WhenItCanElseUcs2(string text, byte expected) =>
        Assert.Equal(expected, SmsText.ChooseCoding(text, SmsCodingPreference.Auto));

    [Fact]
    public void Ucs2KeepsSurrogatePairsWhole()
    {
        var text = new string('好', 66) + "😀" + new string('好', 10);
        var parts = SmsText.Split(text, new SmsEncodingOptions(), 7);
        Assert.Equal(2, parts.Count);
        // 66 characters + the emoji's two code units would be 68 > 67: the emoji starts the second part.
        Assert.Equal(6 + 66 * 2, parts[0].ShortMessage.Length);
        var second = Encoding.BigEndianUnicode.GetString(parts[1].ShortMessage.AsSpan(6));
        Assert.StartsWith("😀", second, StringComparison.Ordinal);
        Assert.Equal("😀", Encoding.BigEndianUnicode.GetString(SmsText.Split("😀", new SmsEncodingOptions(), 1)[0].ShortMessage));
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void SplitsGsm7At153SeptetsAPart(int length, int expectedParts)
    {
        var parts = SmsText.Split(new string('a', length), new SmsEncodingOptions(), 1);
        Assert.Equal(expectedParts, parts.Count);
        if (expectedParts > 1)
        {
            Assert.All(parts, p => Assert.Equal(ShortMessagePdu.EsmUdhIndicator, p.EsmClassFlags));
            Assert.Equal(6 + 153, parts[0].ShortMessage.Length);
        }
    }

    [Fact]
    public void SplitsUcs2At67AndLatin1At134()
    {
        Assert.Single(SmsText.Split(new string('好', 70), new SmsEncodingOptions(), 1));
        var ucs2 = SmsText.Split(new string('好', 71), new SmsEncodingOptions(), 1);
        Assert.Equal(2, ucs2.Count);
        Assert.Equal(6 + 134, ucs2[0].ShortMessage.Length);
        var latin = SmsText.Split(new string('é', 141) + "ÿ", new SmsEncodingOptions(SmsCodingPreference.Latin1), 1);
        Assert.Equal(DataCoding.Latin1, latin[0].DataCoding);
        Assert.Equal(6 + 134, latin[0].ShortMessage.Length);
    }

    [Fact]
    public void AnExtensionCharacterIsNeverSplitFromItsEscape()
    {
        var text = new string('a', 152) + "€" + "tail tail!";
        var parts = SmsText.Split(text, new SmsEncodingOptions(), 1);
        Assert.Equal(6 + 152, parts[0].ShortMessage.Length);
        Assert.Equal(0x1B, parts[1].ShortMessage[6]);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void UdhSplitsReassembleIntoTheSameText(bool packed, bool sixteenBit)
    {
        var options = new SmsEncodingOptions(Gsm7Packed: packed, SixteenBitReference: sixteenBit);
        var text = string.Concat(Enumerable.Repeat("Hello [world] 1234567890 ", 20));
        var parts = SmsText.Split(text, options, 0x1234);
        Assert.Equal(4, parts.Count);
        if (sixteenBit)
        {
            Assert.Equal([6, 0x08, 4, 0x12, 0x34, 4, 1], parts[0].ShortMessage[..7]);
        }
        else
        {
            Assert.Equal([5, 0x00, 3, 0x34, 4, 1], parts[0].ShortMessage[..6]);
        }
        var reassembler = new SmsReassembler(10, TimeSpan.FromMinutes(1), TimeProvider.System);
        SmsJoinedMessage? joined = null;
        foreach (var part in parts.Reverse())
        {
            var pdu = new DeliverSmPdu { SourceAddress = "13800138000", DestinationAddress = "106900" };
            part.ApplyTo(pdu);
            joined = reassembler.Add(SmsIncomingPart.From((DeliverSmPdu)SmppCodec.Decode(SmppCodec.Encode(pdu)), packed));
        }
        Assert.NotNull(joined);
        Assert.True(joined.Complete);
        Assert.Equal(text, joined.Text);
        Assert.Equal(0, reassembler.PendingCount);
    }

    [Fact]
    public void SarSplitsReassembleAndCarryTheirTlvs()
    {
        var text = "【签名】" + new string('长', 150);
        var parts = SmsText.Split(text, new SmsEncodingOptions(LongMessages: SmsLongMessageMode.Sar), 300);
        Assert.Equal(3, parts.Count);
        var reassembler = new SmsReassembler(10, TimeSpan.FromMinutes(1), TimeProvider.System);
        var results = new List<SmsJoinedMessage?>();
        foreach (var part in parts)
        {
            var pdu = new DeliverSmPdu { SourceAddress = "a", DestinationAddress = "b" };
            part.ApplyTo(pdu);
            Assert.Equal(0, pdu.EsmClass & 0x40);
            Assert.Equal((ushort)300, pdu.GetUInt16(SmppTlvTag.SarMsgRefNum));
            results.Add(reassembler.Add(SmsIncomingPart.From(pdu)));
        }
        Assert.Null(results[0]);
        Assert.Equal(text, results[^1]!.Text);
    }

    [Fact]
    public void PayloadModeSendsOneMessageWithTheWholeText()
    {
        var text = new string('x', 400);
        var part = Assert.Single(SmsText.Split(text, new SmsEncodingOptions(LongMessages: SmsLongMessageMode.Payload), 1));
        Assert.Empty(part.ShortMessage);
        var pdu = new SubmitSmPdu();
        part.ApplyTo(pdu);
        Assert.Equal(400, pdu.GetTlv(SmppTlvTag.MessagePayload)!.Value.Value.Length);
        Assert.Equal(text, SmsIncomingPart.From(pdu).Text);
    }

    [Fact]
    public void AnEmojiSplitAcrossPartsBySomeoneElseComesOutWhole()
    {
        var bytes = Encoding.BigEndianUnicode.GetBytes("ab😀cd");
        var reassembler = new SmsReassembler(10, TimeSpan.FromMinutes(1), TimeProvider.System);
        var first = new SmsIncomingPart("a", "b", DataCoding.Ucs2, new SmsConcatenation(1, 2, 1), bytes[..6]);
        var second = new SmsIncomingPart("a", "b", DataCoding.Ucs2, new SmsConcatenation(1, 2, 2), bytes[6..]);
        Assert.Null(reassembler.Add(first));
        Assert.Equal("ab😀cd", reassembler.Add(second)!.Text);
    }

    [Fact]
    public void IncompleteMessagesTimeOutAndTheBoundEvictsTheOldest()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var reassembler = new SmsReassembler(2, TimeSpan.FromSeconds(30), clock);
        SmsIncomingPart Part(int reference, int sequence, string text) =>
            new("a", "b", DataCoding.Latin1, new SmsConcatenation(reference, 2, sequence), Encoding.Latin1.GetBytes(text));
        Assert.Null(reassembler.Add(Part(1, 1, "one")));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(reassembler.Add(Part(2, 2, "two")));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(reassembler.Add(Part(3, 1, "three")));
        Assert.Equal(2, reassembler.PendingCount);
        var evicted = Assert.Single(reassembler.TakeExpired());
        Assert.Equal("one…", evicted.Text);
        Assert.False(evicted.Complete);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["…two", "three…"], reassembler.TakeExpired().Select(m => m.Text).Order().ToArray());
        Assert.Equal(0, reassembler.PendingCount);
    }

    [Fact]
    public void ParsesTheStandardReceiptText()
    {
        var receipt = DeliveryReceipt.Parse("id:0000002a sub:001 dlvrd:001 submit date:2501011200 done date:2501011201 stat:DELIVRD err:000 text:Hello id:x");
        Assert.NotNull(receipt);
        Assert.Equal("0000002a", receipt.Id);
        Assert.Equal("DELIVRD", receipt.State);
        Assert.True(receipt.IsDelivered);
        Assert.True(receipt.IsFinal);
        Assert.Equal("000", receipt.Error);
        Assert.Equal("Hello id:x", receipt.Text);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 12, 1, 0, TimeSpan.Zero), DeliveryReceipt.ParseDate(receipt.DoneDate));
        Assert.Equal(receipt, DeliveryReceipt.Parse(receipt.Format()));
    }

    [Theory]
    [InlineData("ID:123 STAT:undeliv", "123", "UNDELIV", false, true)]
    [InlineData("id:77 stat:ENROUTE", "77", "ENROUTE", false, false)]
    [InlineData("id:1 submit_date:2501011200 stat:ACCEPTD err:0", "1", "ACCEPTD", false, false)]
    [InlineData("stat:EXPIRED", null, "EXPIRED", false, true)]
    public void ParsesReceiptsLoosely(string text, string? id, string state, bool delivered, bool final)
    {
        var receipt = DeliveryReceipt.Parse(text)!;
        Assert.Equal(id, receipt.Id);
        Assert.Equal(state, receipt.State);
        Assert.Equal(delivered, receipt.IsDelivered);
        Assert.Equal(final, receipt.IsFinal);
    }

    [Fact]
    public void TextThatIsNoReceiptIsNull()
    {
        Assert.Null(DeliveryReceipt.Parse("TD"));
        Assert.Null(DeliveryReceipt.Parse(""));
    }
}
