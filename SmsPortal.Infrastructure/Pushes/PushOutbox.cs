using Microsoft.Extensions.Options;
using SmsPortal.Domain.Pushes;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>
/// Where pushes to customers are owed: a row written in the same transaction as the receipt, reply or review result
/// it reports (durable before visible), then handed to this node's <see cref="PushPump"/> once committed. A row the
/// pump does not get to (a crash, a full queue) is found again by its poll when its lease ends.
/// </summary>
public sealed class PushOutbox(IOptions<PushPumpOptions> options, TimeProvider clock)
{
    /// <summary>The named HTTP client every push goes through (PushClientRegistration sets its guards).</summary>
    public const string HttpClientName = "customer-pushes";

    private readonly System.Threading.Channels.Channel<PushOutboxEntry> _ready =
        System.Threading.Channels.Channel.CreateBounded<PushOutboxEntry>(new System.Threading.Channels.BoundedChannelOptions(20_000)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

    public TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>A URL the platform pushes to at all: http(s) and absolute. Whether its address may be reached is checked when it is used.</summary>
    public static bool IsPushableUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Adds the row to <paramref name="db"/> (saved with the caller's changes); null when the account has no usable URL.</summary>
    public PushOutboxEntry? Add(SmsPortalDbContext db, int accountId, PushKind kind, long? messageId, string? url, string body)
    {
        if (!IsPushableUrl(url))
        {
            return null;
        }

        var entry = PushBodies.Entry(accountId, kind, messageId, url!, body, clock.GetUtcNow(), Lease);
        db.PushOutbox.Add(entry);
        return entry;
    }

    /// <summary>Hands committed rows to the pump; those it has no room for wait for its poll.</summary>
    public void Committed(IEnumerable<PushOutboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            _ready.Writer.TryWrite(entry);
        }
    }

    /// <summary>Hands a committed row to the pump.</summary>
    public void Committed(PushOutboxEntry? entry)
    {
        if (entry is not null)
        {
            _ready.Writer.TryWrite(entry);
        }
    }

    internal System.Threading.Channels.ChannelReader<PushOutboxEntry> Ready => _ready.Reader;

    /// <summary>Rows handed to this node's pump and not yet taken by it.</summary>
    public int ReadyCount => _ready.Reader.Count;

    internal ValueTask RequeueAsync(PushOutboxEntry entry, CancellationToken cancellationToken) => _ready.Writer.WriteAsync(entry, cancellationToken);
}
