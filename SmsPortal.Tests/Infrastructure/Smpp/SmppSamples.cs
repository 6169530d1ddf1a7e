using System.Net;
using System.Net.Sockets;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Tests.Infrastructure.Smpp;

/// <summary>One valid PDU of every type the codec knows, with bodies and TLVs filled, for round trips and fuzzing.</summary>
internal static class SmppSamples
{
    public static IEnumerable<SmppPdu> All()
    {
        foreach (var command in new[] { SmppCommand.BindTransmitter, SmppCommand.BindReceiver, SmppCommand.BindTransceiver })
        {
            yield return new BindPdu(command) { Sequence = 1, SystemId = "portal", Password = "secret", SystemType = "VMA", AddressTon = 1, AddressNpi = 1, AddressRange = "^86" };
            var resp = new BindRespPdu(SmppCommands.ResponseOf(command)) { Sequence = 1, SystemId = "smsc" };
            resp.SetByte(SmppTlvTag.ScInterfaceVersion, 0x34);
            yield return resp;
            yield return new BindRespPdu(SmppCommands.ResponseOf(command)) { Sequence = 2, Status = SmppStatus.BindFailed };
        }
        var submit = new SubmitSmPdu
        {
            Sequence = 7, ServiceType = "CMT", SourceTon = 5, SourceNpi = 0, SourceAddress = "106900", DestinationTon = 1, DestinationNpi = 1,
            DestinationAddress = "8613800138000", EsmClass = 0x40, RegisteredDelivery = 1, DataCoding = 8, ValidityPeriod = "000001000000000R",
            ShortMessage = [5, 0, 3, 0x2A, 2, 1, 0x4F, 0x60, 0x59, 0x7D],
        };
        submit.SetUInt16(SmppTlvTag.SarMsgRefNum, 0x2A);
        submit.SetByte(SmppTlvTag.SarTotalSegments, 2);
        submit.SetByte(SmppTlvTag.SarSegmentSeqnum, 1);
        submit.Tlvs.Add(new SmppTlv(0x1401, [1, 2, 3])); // vendor-specific, kept raw
        yield return submit;
        var payload = new SubmitSmPdu { Sequence = 8, SourceAddress = "a", DestinationAddress = "13800138000" };
        payload.SetTlv(SmppTlvTag.MessagePayload, new byte[600]);
        yield return payload;
        var receipt = new DeliverSmPdu
        {
            Sequence = 9, SourceAddress = "13800138000", DestinationAddress = "106900", EsmClass = ShortMessagePdu.EsmDeliveryReceipt,
            ShortMessage = System.Text.Encoding.ASCII.GetBytes("id:0000002a sub:001 dlvrd:001 submit date:2501011200 done date:2501011201 stat:DELIVRD err:000 text:"),
        };
        receipt.SetCString(SmppTlvTag.ReceiptedMessageId, "0000002a");
        receipt.SetByte(SmppTlvTag.MessageState, (byte)SmppMessageState.Delivered);
        receipt.SetTlv(SmppTlvTag.NetworkErrorCode, [3, 0, 0]);
        yield return receipt;
        var data = new DataSmPdu { Sequence = 10, SourceAddress = "13800138000", DestinationAddress = "106900", DataCoding = 8 };
        data.SetTlv(SmppTlvTag.MessagePayload, [0x4F, 0x60]);
        yield return data;
        yield return new MessageIdRespPdu(SmppCommand.SubmitSmResp) { Sequence = 7, MessageId = "0000002a" };
        yield return new MessageIdRespPdu(SmppCommand.SubmitSmResp) { Sequence = 7, Status = SmppStatus.Throttled };
        yield return new MessageIdRespPdu(SmppCommand.DeliverSmResp) { Sequence = 9, MessageId = "" };
        yield return new MessageIdRespPdu(SmppCommand.DataSmResp) { Sequence = 10, MessageId = "77" };
        yield return new QuerySmPdu { Sequence = 11, MessageId = "0000002a", SourceAddress = "106900" };
        yield return new QuerySmRespPdu { Sequence = 11, MessageId = "0000002a", FinalDate = "250101120100000+", MessageState = 2 };
        yield return new QuerySmRespPdu { Sequence = 12, Status = SmppStatus.QueryFailed };
        foreach (var command in new[] { SmppCommand.EnquireLink, SmppCommand.EnquireLinkResp, SmppCommand.Unbind, SmppCommand.UnbindResp, SmppCommand.GenericNack })
        {
            yield return new EmptyPdu(command) { Sequence = 13 };
        }
    }

    /// <summary>Two ends of a loopback TCP connection.</summary>
    public static async Task<(TcpClient Client, TcpClient Server)> ConnectedPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient { NoDelay = true };
        var accepting = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await accepting;
        server.NoDelay = true;
        return (client, server);
    }

    /// <summary>Reads one PDU's octets from a stream; null when it closes first.</summary>
    public static async Task<byte[]?> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        if (await stream.ReadAtLeastAsync(header, 4, false, cancellationToken) < 4)
        {
            return null;
        }
        var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
        var frame = new byte[length];
        header.CopyTo(frame, 0);
        if (await stream.ReadAtLeastAsync(frame.AsMemory(4), length - 4, false, cancellationToken) < length - 4)
        {
            return null;
        }
        return frame;
    }
}
