using System.Net;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;

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
    public int MaxSessionsPerAccount { get; init; } = SmppServerDeclaration.MaxSessionsPerAccount.DefaultNumber;

    /// <summary>TCP connections held at once, bound or not; beyond it a new connection is closed at once.</summary>
    public int MaxConnections { get; init; } = SmppServerDeclaration.MaxConnections.DefaultNumber;

    /// <summary>TCP connections held at once from one IP address; beyond it a new one from there is closed at once.</summary>
    public int MaxConnectionsPerAddress { get; init; } = SmppServerDeclaration.MaxConnectionsPerAddress.DefaultNumber;

    /// <summary>
    /// A refused bind (unknown system_id, wrong password) is answered after this delay, doubled for each recent
    /// failure of the same address or system_id (at most 16 times), and then the connection is closed.
    /// </summary>
    public int BindFailureDelayMilliseconds { get; init; } = SmppServerDeclaration.BindFailureDelayMilliseconds.DefaultNumber;

    /// <summary>After this many refused binds from one address, or for one system_id, within <see cref="BindLockoutMinutes"/>, binds from it are refused unchecked.</summary>
    public int BindLockoutFailures { get; init; } = SmppServerDeclaration.BindLockoutFailures.DefaultNumber;

    /// <summary>How long a lock-out lasts (and the span over which failures are counted).</summary>
    public int BindLockoutMinutes { get; init; } = SmppServerDeclaration.BindLockoutMinutes.DefaultNumber;

    /// <summary>Bytes of long-message parts one bind may have waiting for the rest; a part beyond it gets ESME_RMSGQFUL.</summary>
    public int MaxPendingPartBytesPerBind { get; init; } = SmppServerDeclaration.MaxPendingPartBytesPerBind.DefaultNumber;

    /// <summary>Bytes of long-message parts one account may have waiting over all its binds; a part beyond it gets ESME_RMSGQFUL.</summary>
    public int MaxPendingPartBytesPerAccount { get; init; } = SmppServerDeclaration.MaxPendingPartBytesPerAccount.DefaultNumber;

    /// <summary>How often each bind's API key is checked again; a bind whose key was rotated or removed is unbound.</summary>
    public int KeyCheckSeconds { get; init; } = SmppServerDeclaration.KeyCheckSeconds.DefaultNumber;

    /// <summary>deliver_sm (receipts, replies) sent to one bind and not yet answered.</summary>
    public int Window { get; init; } = SmppServerDeclaration.Window.DefaultNumber;

    /// <summary>
    /// Requests from one connection being handled at once (submits waiting for their commit); one more is answered
    /// ESME_RTHROTTLED at once, so the connection's deliver_sm_resp and enquire_link are still read.
    /// </summary>
    public int MaxRequestsInProgress { get; init; } = SmppServerDeclaration.MaxRequestsInProgress.DefaultNumber;

    /// <summary>submit_sm and data_sm a second per account, over all its binds; above it ESME_RTHROTTLED.</summary>
    public int MaxPerSecondPerAccount { get; init; } = SmppServerDeclaration.MaxPerSecondPerAccount.DefaultNumber;

    /// <summary>A connection that receives nothing (not even enquire_link) for this long is closed.</summary>
    public int InactivitySeconds { get; init; } = SmppServerDeclaration.InactivitySeconds.DefaultNumber;

    /// <summary>The server sends enquire_link after this much silence from the peer.</summary>
    public int EnquireLinkSeconds { get; init; } = SmppServerDeclaration.EnquireLinkSeconds.DefaultNumber;

    /// <summary>A connection must bind within this many seconds of connecting.</summary>
    public int BindTimeoutSeconds { get; init; } = SmppServerDeclaration.BindTimeoutSeconds.DefaultNumber;

    /// <summary>How long a deliver_sm waits for deliver_sm_resp before it counts as not delivered (sent again later).</summary>
    public int ResponseTimeoutSeconds { get; init; } = SmppServerDeclaration.ResponseTimeoutSeconds.DefaultNumber;

    /// <summary>
    /// How long the answers to the first parts of a long message are held waiting for the rest (so that they carry
    /// the whole message's decision and id). After it they are answered ESME_ROK provisionally; see docs/smpp.md.
    /// </summary>
    public int PartHoldMilliseconds { get; init; } = SmppServerDeclaration.PartHoldMilliseconds.DefaultNumber;

    /// <summary>A long message whose parts are not all in after this many seconds is dropped (and logged).</summary>
    public int PartTimeoutSeconds { get; init; } = SmppServerDeclaration.PartTimeoutSeconds.DefaultNumber;

    /// <summary>Incomplete long messages held per account; a part of one more is answered ESME_RMSGQFUL.</summary>
    public int MaxPendingLongMessages { get; init; } = SmppServerDeclaration.MaxPendingLongMessages.DefaultNumber;

    /// <summary>How often receipts and replies still owed are looked for (covers those finished on other nodes).</summary>
    public int PollSeconds { get; init; } = SmppServerDeclaration.PollSeconds.DefaultNumber;

    /// <summary>Receipts and replies older than this many days are no longer forwarded to a receiver that binds.</summary>
    public int ForwardDays { get; init; } = SmppServerDeclaration.ForwardDays.DefaultNumber;

    public bool Enabled => Port is not null;

    /// <summary>
    /// Reads and checks the section (<see cref="SmppServerDeclaration"/>); throws <see cref="ConfigurationException"/>
    /// naming every wrong setting (the first as its <see cref="ConfigurationException.Setting"/>).
    /// </summary>
    public static SmppServerOptions From(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var read = new ChannelSettingsReader(Section + ":", section);
        var host = IPAddress.IPv6Any;
        if (read.Raw(SmppServerDeclaration.Host.Name) is { } hostText && !IPAddress.TryParse(hostText.Trim(), out host!))
        {
            read.Problem(SmppServerDeclaration.Host.Name, $"'{hostText}' is not an IP address (use 0.0.0.0, :: or 127.0.0.1)");
            host = IPAddress.IPv6Any;
        }

        var options = new SmppServerOptions
        {
            Port = read.OptionalNumber(SmppServerDeclaration.Port),
            Host = host,
            MaxSessionsPerAccount = read.Number(SmppServerDeclaration.MaxSessionsPerAccount),
            MaxConnections = read.Number(SmppServerDeclaration.MaxConnections),
            MaxConnectionsPerAddress = read.Number(SmppServerDeclaration.MaxConnectionsPerAddress),
            BindFailureDelayMilliseconds = read.Number(SmppServerDeclaration.BindFailureDelayMilliseconds),
            BindLockoutFailures = read.Number(SmppServerDeclaration.BindLockoutFailures),
            BindLockoutMinutes = read.Number(SmppServerDeclaration.BindLockoutMinutes),
            MaxPendingPartBytesPerBind = read.Number(SmppServerDeclaration.MaxPendingPartBytesPerBind),
            MaxPendingPartBytesPerAccount = read.Number(SmppServerDeclaration.MaxPendingPartBytesPerAccount),
            KeyCheckSeconds = read.Number(SmppServerDeclaration.KeyCheckSeconds),
            Window = read.Number(SmppServerDeclaration.Window),
            MaxRequestsInProgress = read.Number(SmppServerDeclaration.MaxRequestsInProgress),
            MaxPerSecondPerAccount = read.Number(SmppServerDeclaration.MaxPerSecondPerAccount),
            InactivitySeconds = read.Number(SmppServerDeclaration.InactivitySeconds),
            EnquireLinkSeconds = read.Number(SmppServerDeclaration.EnquireLinkSeconds),
            BindTimeoutSeconds = read.Number(SmppServerDeclaration.BindTimeoutSeconds),
            ResponseTimeoutSeconds = read.Number(SmppServerDeclaration.ResponseTimeoutSeconds),
            PartHoldMilliseconds = read.Number(SmppServerDeclaration.PartHoldMilliseconds),
            PartTimeoutSeconds = read.Number(SmppServerDeclaration.PartTimeoutSeconds),
            MaxPendingLongMessages = read.Number(SmppServerDeclaration.MaxPendingLongMessages),
            PollSeconds = read.Number(SmppServerDeclaration.PollSeconds),
            ForwardDays = read.Number(SmppServerDeclaration.ForwardDays),
        };
        if (options.EnquireLinkSeconds >= options.InactivitySeconds)
        {
            read.Problem(SmppServerDeclaration.EnquireLinkSeconds.Name, $"must be below {Section}:InactivitySeconds ({options.InactivitySeconds}), or an idle peer is closed before it is asked");
        }

        if (options.PartHoldMilliseconds >= options.PartTimeoutSeconds * 1000)
        {
            read.Problem(SmppServerDeclaration.PartHoldMilliseconds.Name, $"must be below {Section}:PartTimeoutSeconds");
        }

        if (options.MaxPendingPartBytesPerBind > options.MaxPendingPartBytesPerAccount)
        {
            read.Problem(SmppServerDeclaration.MaxPendingPartBytesPerBind.Name, $"must not be above {Section}:MaxPendingPartBytesPerAccount ({options.MaxPendingPartBytesPerAccount})");
        }

        read.ThrowIfAnyInConfiguration();
        return options;
    }
}
