using System.Net;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// Section "Smpp": the SMPP 3.4 server customers bind to. Off unless <see cref="Port"/> is set (0 takes any free
/// port, for tests). Every setting is checked at start; a wrong one stops the process with its name in the error.
/// </summary>
public sealed class SmppServerOptions
{
    public const string Section = "Smpp";

    /// <summary>The TCP port; null (unset) keeps the server off.</summary>
    public int? Port { get; init; }

    /// <summary>The address to listen on (default every IPv4 and IPv6 address).</summary>
    public IPAddress Host { get; init; } = IPAddress.IPv6Any;

    /// <summary>Binds (of any kind) one account may hold at once; one more is refused with ESME_RBINDFAIL.</summary>
    public int MaxSessionsPerAccount { get; init; } = 8;

    /// <summary>TCP connections held at once, bound or not; beyond it a new connection is closed at once.</summary>
    public int MaxConnections { get; init; } = 500;

    /// <summary>TCP connections held at once from one IP address; beyond it a new one from there is closed at once.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 20;

    /// <summary>
    /// A refused bind (unknown system_id, wrong password) is answered after this delay, doubled for each recent
    /// failure of the same address or system_id (at most 16 times), and then the connection is closed.
    /// </summary>
    public int BindFailureDelayMilliseconds { get; init; } = 250;

    /// <summary>After this many refused binds from one address, or for one system_id, within <see cref="BindLockoutMinutes"/>, binds from it are refused unchecked.</summary>
    public int BindLockoutFailures { get; init; } = 10;

    /// <summary>How long a lock-out lasts (and the span over which failures are counted).</summary>
    public int BindLockoutMinutes { get; init; } = 15;

    /// <summary>Bytes of long-message parts one bind may have waiting for the rest; a part beyond it gets ESME_RMSGQFUL.</summary>
    public int MaxPendingPartBytesPerBind { get; init; } = 1024 * 1024;

    /// <summary>Bytes of long-message parts one account may have waiting over all its binds; a part beyond it gets ESME_RMSGQFUL.</summary>
    public int MaxPendingPartBytesPerAccount { get; init; } = 4 * 1024 * 1024;

    /// <summary>How often each bind's API key is checked again; a bind whose key was rotated or removed is unbound.</summary>
    public int KeyCheckSeconds { get; init; } = 5;

    /// <summary>deliver_sm (receipts, replies) sent to one bind and not yet answered.</summary>
    public int Window { get; init; } = 10;

    /// <summary>
    /// Requests from one connection being handled at once (submits waiting for their commit); one more is answered
    /// ESME_RTHROTTLED at once, so the connection's deliver_sm_resp and enquire_link are still read.
    /// </summary>
    public int MaxRequestsInProgress { get; init; } = SmppSessionOptions.DefaultMaxConcurrentIncoming;

    /// <summary>submit_sm and data_sm a second per account, over all its binds; above it ESME_RTHROTTLED.</summary>
    public int MaxPerSecondPerAccount { get; init; } = 1000;

    /// <summary>A connection that receives nothing (not even enquire_link) for this long is closed.</summary>
    public int InactivitySeconds { get; init; } = 120;

    /// <summary>The server sends enquire_link after this much silence from the peer.</summary>
    public int EnquireLinkSeconds { get; init; } = 30;

    /// <summary>A connection must bind within this many seconds of connecting.</summary>
    public int BindTimeoutSeconds { get; init; } = 5;

    /// <summary>How long a deliver_sm waits for deliver_sm_resp before it counts as not delivered (sent again later).</summary>
    public int ResponseTimeoutSeconds { get; init; } = 10;

    /// <summary>
    /// How long the answers to the first parts of a long message are held waiting for the rest (so that they carry
    /// the whole message's decision and id). After it they are answered ESME_ROK provisionally; see docs/smpp.md.
    /// </summary>
    public int PartHoldMilliseconds { get; init; } = 2000;

    /// <summary>A long message whose parts are not all in after this many seconds is dropped (and logged).</summary>
    public int PartTimeoutSeconds { get; init; } = 60;

    /// <summary>Incomplete long messages held per account; a part of one more is answered ESME_RMSGQFUL.</summary>
    public int MaxPendingLongMessages { get; init; } = 1000;

    /// <summary>How often receipts and replies still owed are looked for (covers those finished on other nodes).</summary>
    public int PollSeconds { get; init; } = 2;

    /// <summary>Receipts and replies older than this many days are no longer forwarded to a receiver that binds.</summary>
    public int ForwardDays { get; init; } = 3;

    public bool Enabled => Port is not null;

    /// <summary>Reads and checks the section; throws <see cref="ConfigurationException"/> naming every wrong setting (the first as its <see cref="ConfigurationException.Setting"/>).</summary>
    public static SmppServerOptions From(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = new SettingsSectionReader(section, Section);
        var problems = reader.Problems;
        var host = reader.ListenAddress("Host");

        var defaults = new SmppServerOptions();
        var options = new SmppServerOptions
        {
            Port = reader.Int(nameof(Port), 0, 0, 65535, optional: true),
            Host = host,
            MaxSessionsPerAccount = reader.Int(nameof(MaxSessionsPerAccount), defaults.MaxSessionsPerAccount, 1, 1000)!.Value,
            MaxConnections = reader.Int(nameof(MaxConnections), defaults.MaxConnections, 1, 100_000)!.Value,
            MaxConnectionsPerAddress = reader.Int(nameof(MaxConnectionsPerAddress), defaults.MaxConnectionsPerAddress, 1, 100_000)!.Value,
            BindFailureDelayMilliseconds = reader.Int(nameof(BindFailureDelayMilliseconds), defaults.BindFailureDelayMilliseconds, 0, 60_000)!.Value,
            BindLockoutFailures = reader.Int(nameof(BindLockoutFailures), defaults.BindLockoutFailures, 1, 10_000)!.Value,
            BindLockoutMinutes = reader.Int(nameof(BindLockoutMinutes), defaults.BindLockoutMinutes, 1, 10_080)!.Value,
            MaxPendingPartBytesPerBind = reader.Int(nameof(MaxPendingPartBytesPerBind), defaults.MaxPendingPartBytesPerBind, 1024, 1024 * 1024 * 1024)!.Value,
            MaxPendingPartBytesPerAccount = reader.Int(nameof(MaxPendingPartBytesPerAccount), defaults.MaxPendingPartBytesPerAccount, 1024, 1024 * 1024 * 1024)!.Value,
            KeyCheckSeconds = reader.Int(nameof(KeyCheckSeconds), defaults.KeyCheckSeconds, 1, 3600)!.Value,
            Window = reader.Int(nameof(Window), defaults.Window, 1, 1000)!.Value,
            MaxRequestsInProgress = reader.Int(nameof(MaxRequestsInProgress), defaults.MaxRequestsInProgress, 1, 100_000)!.Value,
            MaxPerSecondPerAccount = reader.Int(nameof(MaxPerSecondPerAccount), defaults.MaxPerSecondPerAccount, 1, 1_000_000)!.Value,
            InactivitySeconds = reader.Int(nameof(InactivitySeconds), defaults.InactivitySeconds, 5, 86_400)!.Value,
            EnquireLinkSeconds = reader.Int(nameof(EnquireLinkSeconds), defaults.EnquireLinkSeconds, 1, 86_400)!.Value,
            BindTimeoutSeconds = reader.Int(nameof(BindTimeoutSeconds), defaults.BindTimeoutSeconds, 1, 3600)!.Value,
            ResponseTimeoutSeconds = reader.Int(nameof(ResponseTimeoutSeconds), defaults.ResponseTimeoutSeconds, 1, 600)!.Value,
            PartHoldMilliseconds = reader.Int(nameof(PartHoldMilliseconds), defaults.PartHoldMilliseconds, 0, 600_000)!.Value,
            PartTimeoutSeconds = reader.Int(nameof(PartTimeoutSeconds), defaults.PartTimeoutSeconds, 1, 3600)!.Value,
            MaxPendingLongMessages = reader.Int(nameof(MaxPendingLongMessages), defaults.MaxPendingLongMessages, 1, 100_000)!.Value,
            PollSeconds = reader.Int(nameof(PollSeconds), defaults.PollSeconds, 1, 3600)!.Value,
            ForwardDays = reader.Int(nameof(ForwardDays), defaults.ForwardDays, 1, 365)!.Value,
        };
        if (options.EnquireLinkSeconds >= options.InactivitySeconds)
        {
            problems.Add(($"{Section}:EnquireLinkSeconds", $"must be below {Section}:InactivitySeconds ({options.InactivitySeconds}), or an idle peer is closed before it is asked."));
        }

        if (options.PartHoldMilliseconds >= options.PartTimeoutSeconds * 1000)
        {
            problems.Add(($"{Section}:PartHoldMilliseconds", $"must be below {Section}:PartTimeoutSeconds."));
        }

        if (options.MaxPendingPartBytesPerBind > options.MaxPendingPartBytesPerAccount)
        {
            problems.Add(($"{Section}:MaxPendingPartBytesPerBind", $"must not be above {Section}:MaxPendingPartBytesPerAccount ({options.MaxPendingPartBytesPerAccount})."));
        }

        reader.ThrowIfAny();
        return options;
    }
}
