using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
