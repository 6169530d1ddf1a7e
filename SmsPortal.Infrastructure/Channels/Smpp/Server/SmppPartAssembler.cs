using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// Joins the parts of long messages (UDH or sar_* TLVs) per account, across the account's binds, so the whole text
/// is submitted once (template matching needs all of it). The part that completes a message submits it; the earlier
/// parts wait for that answer (see <see cref="SmppServerOptions.PartHoldMilliseconds"/>). Bounded in count per account,
/// in bytes per bind and per account (<see cref="SmppServerOptions.MaxPendingPartBytesPerBind"/>,
/// <see cref="SmppServerOptions.MaxPendingPartBytesPerAccount"/>) and in time: incomplete messages are dropped after
/// <see cref="SmppServerOptions.PartTimeoutSeconds"/>.
/// </summary>
internal sealed class SmppPartAssembler(SmppServerOptions options, TimeProvider clock)
{
    internal sealed class Pending(SmsIncomingPart first, DateTimeOffset started, bool wantsReceipt, long bind)
    {
        public long Bind { get; } = bind;
        public int Bytes { get; set; }
        public SmsIncomingPart First { get; } = first;
        public bool WantsReceipt { get; set; } = wantsReceipt;
        public LongMessageParts<byte[]> Parts { get; } = new(first.Concatenation!.Value.Total, started);
        public TaskCompletionSource<SmppSubmitAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string JoinedText() => Parts.Join(parts => SmsText.Decode(First.DataCoding, parts.SelectMany(p => p).ToArray()));
    }

    /// <summary>What to do with a part: wait for <see cref="Held"/>, or submit <see cref="Complete"/> (then answer its waiters).</summary>
    internal readonly record struct Added(Task<SmppSubmitAnswer>? Held, Pending? Complete, bool Full);

    private readonly Dictionary<(int AccountId, string Source, string Destination, int Reference, int Total, byte Coding), Pending> _pending = [];
    private readonly Dictionary<int, int> _perAccount = [];
    private readonly Dictionary<int, long> _bytesPerAccount = [];
    private readonly Dictionary<long, long> _bytesPerBind = [];
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

    /// <summary>Adds a part sent on bind <paramref name="bind"/>; Full when the account's count or the bind's or account's bytes would go over.</summary>
    public Added Add(int accountId, long bind, SmsIncomingPart part, bool wantsReceipt)
    {
        var concatenation = part.Concatenation!.Value;
        var key = (accountId, part.Source, part.Destination, concatenation.Reference, concatenation.Total, part.DataCoding);
        lock (_lock)
        {
            if (!_pending.TryGetValue(key, out var pending))
            {
                if (_perAccount.GetValueOrDefault(accountId) >= options.MaxPendingLongMessages)
                {
                    return new Added(null, null, true);
                }

                if (OverBudget(accountId, bind, part.Content.Length))
                {
                    return new Added(null, null, true);
                }

                pending = new Pending(part, clock.GetUtcNow(), wantsReceipt, bind);
                _pending[key] = pending;
                _perAccount[accountId] = _perAccount.GetValueOrDefault(accountId) + 1;
            }

            pending.WantsReceipt |= wantsReceipt;
            if (pending.Parts.Awaits(concatenation.Sequence))
            {
                // The part that completes a message frees its bytes at once: only the ones that would wait are refused.
                if (pending.Parts.Received > 0 && pending.Parts.Received + 1 < pending.Parts.Total && OverBudget(accountId, pending.Bind, part.Content.Length))
                {
                    return new Added(null, null, true);
                }

                pending.Parts.Add(concatenation.Sequence, part.Content);
                pending.Bytes += part.Content.Length;
                _bytesPerAccount[accountId] = _bytesPerAccount.GetValueOrDefault(accountId) + part.Content.Length;
                _bytesPerBind[pending.Bind] = _bytesPerBind.GetValueOrDefault(pending.Bind) + part.Content.Length;
            }

            if (!pending.Parts.IsComplete)
            {
                return new Added(pending.Answer.Task, null, false);
            }

            Remove(key);
            return new Added(null, pending, false);
        }
    }

    /// <summary>Drops long messages whose parts did not all come in time; returns how many.</summary>
    public int DropExpired()
    {
        var now = clock.GetUtcNow();
        var limit = TimeSpan.FromSeconds(options.PartTimeoutSeconds);
        lock (_lock)
        {
            var expired = _pending.Where(p => now - p.Value.Parts.Started >= limit).ToList();
            foreach (var (key, pending) in expired)
            {
                Remove(key);
                pending.Answer.TrySetResult(new SmppSubmitAnswer(SmppStatus.SubmitFailed, null));
            }

            return expired.Count;
        }
    }

    private bool OverBudget(int accountId, long bind, int bytes) =>
        _bytesPerAccount.GetValueOrDefault(accountId) + bytes > options.MaxPendingPartBytesPerAccount
        || _bytesPerBind.GetValueOrDefault(bind) + bytes > options.MaxPendingPartBytesPerBind;

    private void Remove((int AccountId, string, string, int, int, byte) key)
    {
        if (!_pending.Remove(key, out var pending))
        {
            return;
        }

        if (--_perAccount[key.AccountId] == 0)
        {
            _perAccount.Remove(key.AccountId);
        }

        Subtract(_bytesPerAccount, key.AccountId, pending.Bytes);
        Subtract(_bytesPerBind, pending.Bind, pending.Bytes);
    }

    private static void Subtract<TKey>(Dictionary<TKey, long> totals, TKey key, long bytes) where TKey : notnull
    {
        var left = totals.GetValueOrDefault(key) - bytes;
        if (left <= 0)
        {
            totals.Remove(key);
        }
        else
        {
            totals[key] = left;
        }
    }
}
