namespace SmsPortal.Infrastructure.Channels;

/// <summary>
/// The parts of one long (concatenated) message as they come: in any order, a repeated part ignored, a sequence
/// number outside 1..total refused. The one joiner behind every place that joins parts: replies on an SMPP bind
/// (<see cref="Smpp.Protocol.SmsReassembler"/>), submits on the SMPP server door
/// (<see cref="Smpp.Server.SmppPartAssembler"/>) and replies from GSM modems (<see cref="Modem.ModemChannel"/>).
/// Not thread-safe: each owner holds its own lock.
/// </summary>
/// <typeparam name="TPart">What a part carries: octets or septets to decode once joined, or a decoded text.</typeparam>
internal sealed class LongMessageParts<TPart>
{
    /// <summary>The text that stands for a part that never came, in a message joined incomplete.</summary>
    public const string Missing = "…";

    private readonly TPart[] _parts;
    private readonly bool[] _present;

    public LongMessageParts(int total, DateTimeOffset started)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        _parts = new TPart[total];
        _present = new bool[total];
        Started = started;
    }

    public DateTimeOffset Started { get; }

    public int Total => _parts.Length;

    public int Received { get; private set; }

    public bool IsComplete => Received == _parts.Length;

    /// <summary>True when <paramref name="sequence"/> (1-based) is a part of this message that has not come yet.</summary>
    public bool Awaits(int sequence) => sequence >= 1 && sequence <= _parts.Length && !_present[sequence - 1];

    /// <summary>Adds part <paramref name="sequence"/> (1-based); false when it came before or is out of range.</summary>
    public bool Add(int sequence, TPart part)
    {
        if (!Awaits(sequence))
        {
            return false;
        }

        _parts[sequence - 1] = part;
        _present[sequence - 1] = true;
        Received++;
        return true;
    }

    /// <summary>The parts that came, in order.</summary>
    public IEnumerable<TPart> Present() => _parts.Where((_, i) => _present[i]);

    /// <summary>
    /// The message's text: the parts in order through <paramref name="decode"/> (all at once when complete, so a
    /// character a sender split across parts comes out whole), or part by part with <see cref="Missing"/> for each gap.
    /// </summary>
    public string Join(Func<IEnumerable<TPart>, string> decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        if (IsComplete)
        {
            return decode(_parts);
        }

        return string.Concat(_parts.Select((part, i) => _present[i] ? decode([part]) : Missing));
    }
}
