using System.Globalization;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>SMPP 3.4 command_status values (section 5.1.3), named as the spec names them.</summary>
public static class SmppStatus
{
    public const uint Ok = 0x00;
    public const uint InvalidMessageLength = 0x01;      // ESME_RINVMSGLEN
    public const uint InvalidCommandLength = 0x02;      // ESME_RINVCMDLEN
    public const uint InvalidCommandId = 0x03;          // ESME_RINVCMDID
    public const uint InvalidBindStatus = 0x04;         // ESME_RINVBNDSTS
    public const uint AlreadyBound = 0x05;              // ESME_RALYBND
    public const uint InvalidPriorityFlag = 0x06;       // ESME_RINVPRTFLG
    public const uint InvalidRegisteredDelivery = 0x07; // ESME_RINVREGDLVFLG
    public const uint SystemError = 0x08;               // ESME_RSYSERR
    public const uint InvalidSourceAddress = 0x0A;      // ESME_RINVSRCADR
    public const uint InvalidDestinationAddress = 0x0B; // ESME_RINVDSTADR
    public const uint InvalidMessageId = 0x0C;          // ESME_RINVMSGID
    public const uint BindFailed = 0x0D;                // ESME_RBINDFAIL
    public const uint InvalidPassword = 0x0E;           // ESME_RINVPASWD
    public const uint InvalidSystemId = 0x0F;           // ESME_RINVSYSID
    public const uint CancelFailed = 0x11;              // ESME_RCANCELFAIL
    public const uint ReplaceFailed = 0x13;             // ESME_RREPLACEFAIL
    public const uint MessageQueueFull = 0x14;          // ESME_RMSGQFUL
    public const uint InvalidServiceType = 0x15;        // ESME_RINVSERTYP
    public const uint InvalidEsmClass = 0x43;           // ESME_RINVESMCLASS
    public const uint SubmitFailed = 0x45;              // ESME_RSUBMITFAIL
    public const uint InvalidSourceTon = 0x48;          // ESME_RINVSRCTON
    public const uint InvalidSourceNpi = 0x49;          // ESME_RINVSRCNPI
    public const uint InvalidDestinationTon = 0x50;     // ESME_RINVDSTTON
    public const uint InvalidDestinationNpi = 0x51;     // ESME_RINVDSTNPI
    public const uint InvalidSystemType = 0x53;         // ESME_RINVSYSTYP
    public const uint Throttled = 0x58;                 // ESME_RTHROTTLED
    public const uint InvalidScheduledTime = 0x61;      // ESME_RINVSCHED
    public const uint InvalidExpiry = 0x62;             // ESME_RINVEXPIRY
    public const uint TemporaryAppError = 0x64;         // ESME_RX_T_APPN
    public const uint PermanentAppError = 0x65;         // ESME_RX_P_APPN
    public const uint RejectedAppError = 0x66;          // ESME_RX_R_APPN
    public const uint QueryFailed = 0x67;               // ESME_RQUERYFAIL
    public const uint InvalidTlvStream = 0xC0;          // ESME_RINVOPTPARSTREAM
    public const uint TlvNotAllowed = 0xC1;             // ESME_ROPTPARNOTALLWD
    public const uint InvalidTlvLength = 0xC2;          // ESME_RINVPARLEN
    public const uint MissingTlv = 0xC3;                // ESME_RMISSINGOPTPARAM
    public const uint InvalidTlvValue = 0xC4;           // ESME_RINVOPTPARAMVAL
    public const uint DeliveryFailure = 0xFE;           // ESME_RDELIVERYFAILURE
    public const uint UnknownError = 0xFF;              // ESME_RUNKNOWNERR

    /// <summary>
    /// Statuses after which the same submit may succeed later: queue full, throttled, system error, a temporary
    /// application error. Everything else refuses the message for good.
    /// </summary>
    public static bool IsTemporary(uint status) =>
        status is MessageQueueFull or Throttled or SystemError or TemporaryAppError or UnknownError;

    /// <summary>"ESME_RTHROTTLED", or "0x000000AB" for a vendor-specific status.</summary>
    public static string Name(uint status) => status switch
    {
        Ok => "ESME_ROK",
        InvalidMessageLength => "ESME_RINVMSGLEN",
        InvalidCommandLength => "ESME_RINVCMDLEN",
        InvalidCommandId => "ESME_RINVCMDID",
        InvalidBindStatus => "ESME_RINVBNDSTS",
        AlreadyBound => "ESME_RALYBND",
        InvalidPriorityFlag => "ESME_RINVPRTFLG",
        InvalidRegisteredDelivery => "ESME_RINVREGDLVFLG",
        SystemError => "ESME_RSYSERR",
        InvalidSourceAddress => "ESME_RINVSRCADR",
        InvalidDestinationAddress => "ESME_RINVDSTADR",
        InvalidMessageId => "ESME_RINVMSGID",
        BindFailed => "ESME_RBINDFAIL",
        InvalidPassword => "ESME_RINVPASWD",
        InvalidSystemId => "ESME_RINVSYSID",
        CancelFailed => "ESME_RCANCELFAIL",
        ReplaceFailed => "ESME_RREPLACEFAIL",
        MessageQueueFull => "ESME_RMSGQFUL",
        InvalidServiceType => "ESME_RINVSERTYP",
        InvalidEsmClass => "ESME_RINVESMCLASS",
        SubmitFailed => "ESME_RSUBMITFAIL",
        InvalidSourceTon => "ESME_RINVSRCTON",
        InvalidSourceNpi => "ESME_RINVSRCNPI",
        InvalidDestinationTon => "ESME_RINVDSTTON",
        InvalidDestinationNpi => "ESME_RINVDSTNPI",
        InvalidSystemType => "ESME_RINVSYSTYP",
        Throttled => "ESME_RTHROTTLED",
        InvalidScheduledTime => "ESME_RINVSCHED",
        InvalidExpiry => "ESME_RINVEXPIRY",
        TemporaryAppError => "ESME_RX_T_APPN",
        PermanentAppError => "ESME_RX_P_APPN",
        RejectedAppError => "ESME_RX_R_APPN",
        QueryFailed => "ESME_RQUERYFAIL",
        InvalidTlvStream => "ESME_RINVOPTPARSTREAM",
        TlvNotAllowed => "ESME_ROPTPARNOTALLWD",
        InvalidTlvLength => "ESME_RINVPARLEN",
        MissingTlv => "ESME_RMISSINGOPTPARAM",
        InvalidTlvValue => "ESME_RINVOPTPARAMVAL",
        DeliveryFailure => "ESME_RDELIVERYFAILURE",
        UnknownError => "ESME_RUNKNOWNERR",
        _ => "0x" + status.ToString("X8", CultureInfo.InvariantCulture),
    };
}
