using System.Globalization;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>
/// What a refused AT+CMGS means for the message. A modem that answered an error did not send the SMS, so
/// TryLater is always safe; Rejected only where another try cannot succeed (docs/decisions: modem error codes).
/// </summary>
internal static class AtErrors
{
    /// <summary>The error code of a "+CMS ERROR: n" or "+CME ERROR: n" final result; null for a plain ERROR or a text.</summary>
    public static int? Code(string final)
    {
        var colon = final.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(final.AsSpan(colon + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    /// <summary>
    /// Rejected: the number or the message is refused for good — RP causes 1 unassigned number, 8 operator barring,
    /// 10 call barred, 21 transfer rejected, 29 facility rejected, 30 unknown subscriber, 50 not subscribed, 69 not
    /// implemented, 95–111 invalid or unsupported message, 127 interworking; TP-FCS 0x80–0xBF (protocol and data
    /// errors), 0xC1 no SC subscription, 0xC3 invalid destination, 0xC4 destination barred, 0xC5 duplicate;
    /// 27.005 304/305 invalid PDU or text parameter. Everything else — network or centre busy or out of order
    /// (27, 38, 41, 42, 47, 0xC0, 0xC2), ME and SIM trouble (300–318), memory (320–322), SMSC unknown (330), no
    /// network (331), network timeout (332), unknown (500) and a plain ERROR — is TryLater.
    /// </summary>
    public static ChannelOutcome Classify(string final) => Code(final) switch
    {
        1 or 8 or 10 or 21 or 29 or 30 or 50 or 69 or (>= 95 and <= 111) or 127 => ChannelOutcome.Rejected,
        (>= 0x80 and <= 0xBF) or 0xC1 or 0xC3 or 0xC4 or 0xC5 => ChannelOutcome.Rejected,
        304 or 305 => ChannelOutcome.Rejected,
        _ => ChannelOutcome.TryLater,
    };

    /// <summary>A SIM problem (27.005 310–318, 27.007 CME 10–18): the modem is down until it initialises again.</summary>
    public static bool IsSimFault(string final) =>
        final.StartsWith("+CMS ERROR", StringComparison.Ordinal) ? Code(final) is >= 310 and <= 318
        : final.StartsWith("+CME ERROR", StringComparison.Ordinal) && Code(final) is >= 10 and <= 18;

    /// <summary>The reason a SIM cannot be used, in words for the status page, from a +CME ERROR (AT+CPIN?) or a +CMS ERROR (AT+CMGS).</summary>
    public static string SimProblem(string final)
    {
        var sms = final.StartsWith("+CMS ERROR", StringComparison.Ordinal);
        return (sms ? Code(final) - 300 : Code(final)) switch
        {
            10 => "SIM not inserted",
            11 => "SIM PIN required",
            12 => sms ? "PH-SIM PIN required" : "SIM PUK required",
            13 => "SIM failure",
            14 => "SIM busy",
            15 => "SIM wrong",
            16 => sms ? "SIM PUK required" : "incorrect PIN",
            _ => "SIM error (" + final + ")",
        };
    }
}
