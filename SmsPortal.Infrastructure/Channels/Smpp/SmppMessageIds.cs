using System.Globalization;

namespace SmsPortal.Infrastructure.Channels.Smpp;

/// <summary>
/// One form for the ids an SMSC writes in submit_sm_resp and in receipts, which may differ in base, case and
/// leading zeros ("0000002A" in one, "42" in the other).
/// </summary>
internal static class SmppMessageIds
{
    /// <summary>
    /// The id as the channel reports it (ChannelAnswer.UpstreamId and receipts alike): a receipt id converted to the
    /// submit_sm_resp form. Numbers lose leading zeros and hex is lower case; what does not parse stays as written.
    /// </summary>
    public static string Canonical(string id, SmppMessageIdFormat readAs, SmppMessageIdFormat writeAs)
    {
        var trimmed = id.Trim();
        if (readAs == SmppMessageIdFormat.AsIs || writeAs == SmppMessageIdFormat.AsIs || !TryParse(trimmed, readAs, out var value))
        {
            return trimmed;
        }
        return writeAs == SmppMessageIdFormat.Hex
            ? value.ToString("x", CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryParse(string id, SmppMessageIdFormat format, out ulong value) => format == SmppMessageIdFormat.Hex
        ? ulong.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
        : ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
