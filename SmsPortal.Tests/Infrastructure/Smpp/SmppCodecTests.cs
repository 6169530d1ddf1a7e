using System.Buffers.Binary;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Tests.Infrastructure.Smpp;

public sealed class SmppCodecTests
{
    [Fact]
    public void EveryPduTypeRoundTripsByteForByte()
    {
        foreach (var pdu in SmppSamples.All())
        {
            var octets = SmppCodec.Encode(pdu);
            Assert.Equal((uint)octets.Length, BinaryPrimitives.ReadUInt32BigEndian(octets));
            var decoded = SmppCodec.Decode(octets);
            Assert.Equal(pdu.GetType(), decoded.GetType());
            Assert.Equal(pdu.Command, decoded.Command);
            Assert.Equal(pdu.Status, decoded.Status);
            Assert.Equal(pdu.Sequence, decoded.Sequence);
            Assert.Equal(pdu.Tlvs.Count, decoded.Tlvs.Count);
            Assert.Equal(octets, SmppCodec.Encode(decoded));
        }
    }

    [Fact]
    public void SubmitSmFieldsAndTlvsComeBackTyped()
    {
        var submit = (SubmitSmPdu)SmppSamples.All().First(p => p is SubmitSmPdu);
        var decoded = (SubmitSmPdu)SmppCodec.Decode(SmppCodec.Encode(submit));
        Assert.Equal("8613800138000", decoded.DestinationAddress);
        Assert.Equal("106900", decoded.SourceAddress);
        Assert.Equal("CMT", decoded.ServiceType);
        Assert.Equal("000001000000000R", decoded.ValidityPeriod);
        Assert.Equal(submit.ShortMessage, decoded.ShortMessage);
        Assert.Equal((ushort)0x2A, decoded.GetUInt16(SmppTlvTag.SarMsgRefNum));
        Assert.Equal((byte)2, decoded.GetByte(SmppTlvTag.SarTotalSegments));
        Assert.Equal([1, 2, 3], decoded.GetTlv(0x1401)!.Value.Value);
    }

    [Fact]
    public void ReceiptTlvsAreReadTolerantOfAMissingNul()
    {
        var deliver = new DeliverSmPdu { SourceAddress = "1", DestinationAddress = "2", EsmClass = 4 };
        deliver.SetTlv(SmppTlvTag.ReceiptedMessageId, "abc"u8.ToArray());
        deliver.SetByte(SmppTlvTag.MessageState, 5);
        var decoded = (DeliverSmPdu)SmppCodec.Decode(SmppCodec.Encode(deliver));
        Assert.Equal("abc", decoded.GetCString(SmppTlvTag.ReceiptedMessageId));
        Assert.Equal((byte)SmppMessageState.Undeliverable, decoded.GetByte(SmppTlvTag.MessageState));
        Assert.True(decoded.IsDeliveryReceipt);
    }

    [Fact]
    public void KnowsTheSpecsStatusValues()
    {
        Assert.Equal(0x58u, SmppStatus.Throttled);
        Assert.Equal("ESME_RTHROTTLED", SmppStatus.Name(0x58));
        Assert.Equal("ESME_RX_T_APPN", SmppStatus.Name(0x64));
        Assert.Equal("ESME_RINVCMDLEN", SmppStatus.Name(0x02));
        Assert.Equal("0x00000400", SmppStatus.Name(0x400));
        Assert.True(SmppStatus.IsTemporary(SmppStatus.MessageQueueFull));
        Assert.False(SmppStatus.IsTemporary(SmppStatus.SubmitFailed));
    }

    [Fact]
    public void CreatesTheMatchingResponse()
    {
        var submit = new SubmitSmPdu { Sequence = 42 };
        var ok = (MessageIdRespPdu)submit.CreateResponse();
        Assert.Equal(SmppCommand.SubmitSmResp, ok.Command);
        Assert.Equal(42u, ok.Sequence);
        var refused = (MessageIdRespPdu)submit.CreateResponse(SmppStatus.Throttled);
        Assert.Null(refused.MessageId);
        Assert.Equal(16, SmppCodec.Encode(refused).Length);
        Assert.Equal(SmppCommand.BindTransceiverResp, new BindPdu(SmppCommand.BindTransceiver).CreateResponse().Command);
        Assert.Equal(SmppCommand.EnquireLinkResp, new EmptyPdu(SmppCommand.EnquireLink).CreateResponse().Command);
    }

    [Theory]
    [InlineData("source_addr", SmppStatus.InvalidSourceAddress)]
    [InlineData("destination_addr", SmppStatus.InvalidDestinationAddress)]
    [InlineData("service_type", SmppStatus.InvalidServiceType)]
    public void AnOverlongFieldIsNamedWithItsStatus(string field, uint status)
    {
        var submit = new SubmitSmPdu { Sequence = 5, SourceAddress = "1", DestinationAddress = "2", ServiceType = "S" };
        var octets = SmppCodec.Encode(submit).ToList();
        var value = field switch { "source_addr" => (byte)'1', "destination_addr" => (byte)'2', _ => (byte)'S' };
        var at = octets.IndexOf(value, SmppHeader.Size);
        octets.InsertRange(at, Enumerable.Repeat(value, 30));
        var frame = octets.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        var error = Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(frame));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Equal(status, error.Status);
        Assert.Equal(5u, error.Sequence);
        Assert.Equal((uint)SmppCommand.SubmitSm, error.CommandId);
    }

    [Fact]
    public void SmLengthBeyondTheBodyIsAnInvalidMessageLength()
    {
        var octets = SmppCodec.Encode(new SubmitSmPdu { SourceAddress = "1", DestinationAddress = "2", ShortMessage = [1, 2, 3] });
        octets[^4] = 200; // sm_length
        var error = Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(octets));
        Assert.Equal(SmppStatus.InvalidMessageLength, error.Status);
        Assert.Contains("sm_length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthsAndIdsAreChecked()
    {
        var enquire = SmppCodec.Encode(new EmptyPdu(SmppCommand.EnquireLink) { Sequence = 3 });
        Assert.Equal(SmppStatus.InvalidCommandLength, Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(enquire.AsSpan(0, 12))).Status);
        BinaryPrimitives.WriteUInt32BigEndian(enquire, 17);
        Assert.Equal(SmppStatus.InvalidCommandLength, Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(enquire)).Status);
        Assert.NotNull(SmppCodec.CheckLength(15));
        Assert.NotNull(SmppCodec.CheckLength(1_000_000));
        Assert.Null(SmppCodec.CheckLength(16));

        var unknown = SmppCodec.Encode(new EmptyPdu(SmppCommand.EnquireLink) { Sequence = 3 });
        BinaryPrimitives.WriteUInt32BigEndian(unknown.AsSpan(4), 0x00000077);
        var error = Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(unknown));
        Assert.Equal(SmppStatus.InvalidCommandId, error.Status);
        Assert.Equal(3u, error.Sequence);

        var withBody = new byte[20];
        enquire.AsSpan(0, 16).CopyTo(withBody);
        BinaryPrimitives.WriteUInt32BigEndian(withBody, 20);
        Assert.Equal(SmppStatus.InvalidCommandLength, Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(withBody)).Status);
    }

    [Fact]
    public void ATlvWithTheWrongLengthIsRefused()
    {
        var submit = new SubmitSmPdu { SourceAddress = "1", DestinationAddress = "2" };
        submit.Tlvs.Add(new SmppTlv(SmppTlvTag.SarMsgRefNum, [1, 2, 3]));
        var error = Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(SmppCodec.Encode(submit)));
        Assert.Equal(SmppStatus.InvalidTlvLength, error.Status);

        var truncated = SmppCodec.Encode(new SubmitSmPdu { SourceAddress = "1", DestinationAddress = "2" }).Concat(new byte[] { 0x04, 0x24, 0x00 }).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(truncated, (uint)truncated.Length);
        Assert.Equal(SmppStatus.InvalidTlvStream, Assert.Throws<SmppDecodeException>(() => SmppCodec.Decode(truncated)).Status);
    }

    [Fact]
    public void EncodingAFieldTooLongIsOurBug()
    {
        Assert.Throws<ArgumentException>(() => SmppCodec.Encode(new BindPdu(SmppCommand.BindTransmitter) { SystemId = new string('x', 16) }));
        Assert.Throws<ArgumentException>(() => SmppCodec.Encode(new SubmitSmPdu { ShortMessage = new byte[255] }));
    }
}
