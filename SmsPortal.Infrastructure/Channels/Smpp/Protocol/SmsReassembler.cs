using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// One incoming message part as read from a deliver_sm, data_sm or submit_sm: addresses, coding, concatenation
/// (from a UDH or the sar_* TLVs) and the content without the UDH (septets when GSM-7, else octets), so parts can be
/// joined before decoding and a character split across parts by the sender comes out whole.
/// </summary>
public sealed record SmsIncomingPart(string Source, string Destination, byte DataCoding, SmsConcatenation? Concatenation, byte[] Content)
{
    /// <summary>Reads a submit_sm or deliver_sm; message_payload wins over short_message when present.</summary>
    public static SmsIncomingPart From(ShortMessagePdu pdu, bool gsm7Packed = false)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var payload = pdu.GetTlv(SmppTlvTag.MessagePayload)?.Value;
        return Read(pdu, pdu.SourceAddress, pdu.DestinationAddress, pdu.DataCoding, pdu.EsmClass, payload ?? pdu.ShortMessage, gsm7Packed);
    }

    /// <summary>Reads a data_sm (its text is in message_payload).</summary>
    public static SmsIncomingPart From(DataSmPdu pdu, bool gsm7Packed = false)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var payload = pdu.GetTlv(SmppTlvTag.MessagePayload)?.Value ?? [];
        return Read(pdu, pdu.SourceAddress, pdu.DestinationAddress, pdu.DataCoding, pdu.EsmClass, payload, gsm7Packed);
    }

    private static SmsIncomingPart Read(SmppPdu pdu, string source, string destination, byte dataCoding, byte esmClass, byte[] message, bool packed)
    {
        SmsConcatenation? concatenation = null;
        var body = message.AsSpan();
        var fill = 0;
        if ((esmClass & ShortMessagePdu.EsmUdhIndicator) != 0 && body.Length > 0 && body[0] + 1 <= body.Length)
        {
            var udh = body[1..(body[0] + 1)];
            concatenation = FromUdh(udh);
            fill = (7 - (udh.Length + 1) * 8 % 7) % 7;
            body = body[(udh.Length + 1)..];
        }
        if (concatenation is null
            && pdu.GetUInt16(SmppTlvTag.SarMsgRefNum) is { } reference
            && pdu.GetByte(SmppTlvTag.SarTotalSegments) is { } total
            && pdu.GetByte(SmppTlvTag.SarSegmentSeqnum) is { } sequence)
        {
            concatenation = new SmsConcatenation(reference, total, sequence);
        }
        if (concatenation is { } c && (c.Total < 1 || c.Sequence < 1 || c.Sequence > c.Total))
        {
            concatenation = null;
        }
        var content = SmsText.AlphabetOf(dataCoding) == SmsAlphabet.Gsm7 && packed
            ? Gsm7.Unpack(body, fill)
            : body.ToArray();
        return new SmsIncomingPart(source, destination, dataCoding, concatenation, content);
    }

    private static SmsConcatenation? FromUdh(ReadOnlySpan<byte> udh)
    {
        var i = 0;
        while (i + 2 <= udh.Length)
        {
            var iei = udh[i];
            var length = udh[i + 1];
            if (i + 2 + length > udh.Length)
            {
                return null;
            }
            var data = udh.Slice(i + 2, length);
            if (iei == 0x00 && length == 3)
            {
                return new SmsConcatenation(data[0], data[1], data[2]);
            }
            if (iei == 0x08 && length == 4)
            {
                return new SmsConcatenation((data[0] << 8) | data[1], data[2], data[3]);
            }
            i += 2 + length;
        }
        return null;
    }

    /// <summary>The text of this part alone (content is already unpacked).</summary>
    public string Text => SmsText.Decode(DataCoding, Content);
}

/// <summary>
/// Joins incoming parts into whole texts. Bounded: at most <paramref name="maxPending"/> incomplete messages are
/// held (the oldest gives way) and each waits at most <paramref name="timeout"/>; what gives way or times out is
/// handed back joined as far as it got (with "…" where parts are missing), so no reply is silently lost.
/// </summary>
public sealed class SmsReassembler(int maxPending, TimeSpan timeout, TimeProvider clock)
{
    private sealed class Pending(SmsIncomingPart first, DateTimeOffset started)
    {
        public SmsIncomingPart First { get; } = first;
        public LongMessageParts<byte[]> Parts { get; } = new(first.Concatenation!.Value.Total, started);
    }

    private readonly Dictionary<string, Pending> _pending = [];
    private readonly Lock _lock = new();

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Adds a part. Returns the joined message when this part completes it (at once for an unsplit message),
    /// else null. Messages pushed out by the bound come back through <see cref="TakeExpired"/>.
    /// </summary>
    public SmsJoinedMessage? Add(SmsIncomingPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Concatenation is not { Total: > 1 } concatenation)
        {
            return new SmsJoinedMessage(part.Source, part.Destination, part.Text, true);
        }
        var key = string.Join('\u0001', part.Source, part.Destination, concatenation.Reference, concatenation.Total, part.DataCoding);
        lock (_lock)
        {
            if (!_pending.TryGetValue(key, out var pending))
            {
                if (_pending.Count >= maxPending)
                {
                    var oldest = _pending.MinBy(p => p.Value.Parts.Started);
                    _pending.Remove(oldest.Key);
                    _evicted.Add(Join(oldest.Value, false));
                }
                pending = new Pending(part, clock.GetUtcNow());
                _pending[key] = pending;
            }
            pending.Parts.Add(concatenation.Sequence, part.Content);
            if (!pending.Parts.IsComplete)
            {
                return null;
            }
            _pending.Remove(key);
            return Join(pending, true);
        }
    }

    private readonly List<SmsJoinedMessage> _evicted = [];

    /// <summary>Incomplete messages older than the timeout, and those pushed out by the bound, joined as far as they got.</summary>
    public IReadOnlyList<SmsJoinedMessage> TakeExpired()
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var expired = new List<SmsJoinedMessage>(_evicted);
            _evicted.Clear();
            foreach (var (key, pending) in _pending.Where(p => now - p.Value.Parts.Started >= timeout).ToList())
            {
                _pending.Remove(key);
                expired.Add(Join(pending, false));
            }
            return expired;
        }
    }

    private static SmsJoinedMessage Join(Pending pending, bool complete)
    {
        var first = pending.First;
        var text = pending.Parts.Join(parts => SmsText.Decode(first.DataCoding, parts.SelectMany(p => p).ToArray()));
        return new SmsJoinedMessage(first.Source, first.Destination, text, complete);
    }
}

/// <summary>A whole incoming text; <see cref="Complete"/> is false when parts never came.</summary>
public sealed record SmsJoinedMessage(string Source, string Destination, string Text, bool Complete);
