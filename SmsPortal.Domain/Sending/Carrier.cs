using System.Collections.Frozen;

namespace SmsPortal.Domain.Sending;

/// <summary>The mainland network a number belongs to. Virtual operators' numbers belong to their host network.</summary>
public enum Carrier
{
    /// <summary>Not a mainland number, or a mainland segment with no allocation the platform knows.</summary>
    Unknown = 0,
    ChinaMobile = 1,
    ChinaUnicom = 2,
    ChinaTelecom = 3,
    ChinaBroadnet = 4,
}

/// <summary>
/// The mainland number-segment allocation (MIIT), by the first three digits, or four where a segment is
/// shared between networks (170x, 1349, 174x). Numbers keep their segment's network when ported, so for a
/// ported number this is the network it started on: good enough for routing defaults and statistics.
/// </summary>
public static class CarrierPrefixes
{
    private static readonly FrozenDictionary<string, (Carrier Carrier, bool Virtual)> ByPrefix = Build();

    /// <summary>The network and whether the segment belongs to a virtual operator (MVNO) riding on it.</summary>
    public static (Carrier Carrier, bool IsVirtualOperator) Of(string nationalNumber)
    {
        ArgumentNullException.ThrowIfNull(nationalNumber);
        if (nationalNumber.Length >= 4 && ByPrefix.TryGetValue(nationalNumber[..4], out var four))
        {
            return four;
        }

        return nationalNumber.Length >= 3 && ByPrefix.TryGetValue(nationalNumber[..3], out var three)
            ? three
            : (Carrier.Unknown, false);
    }

    private static FrozenDictionary<string, (Carrier, bool)> Build()
    {
        var map = new Dictionary<string, (Carrier, bool)>();
        Add(Carrier.ChinaMobile, false,
            "134", "135", "136", "137", "138", "139", "147", "148", "150", "151", "152", "157", "158", "159",
            "172", "178", "182", "183", "184", "187", "188", "195", "197", "198");
        Add(Carrier.ChinaUnicom, false,
            "130", "131", "132", "145", "146", "155", "156", "166", "175", "176", "185", "186", "196");
        Add(Carrier.ChinaTelecom, false,
            "133", "149", "153", "173", "177", "180", "181", "189", "190", "191", "193", "199");
        Add(Carrier.ChinaBroadnet, false, "192");

        // Virtual operators: 165 and 1703/1705/1706 ride on China Mobile, 167, 171 and 1704/1707/1708/1709 on
        // China Unicom, 162 and 1700/1701/1702 on China Telecom.
        Add(Carrier.ChinaMobile, true, "165", "1703", "1705", "1706");
        Add(Carrier.ChinaUnicom, true, "167", "171", "1704", "1707", "1708", "1709");
        Add(Carrier.ChinaTelecom, true, "162", "1700", "1701", "1702");

        // 1349 was China Satcom's satellite segment inside China Mobile's 134; 1740x is China Telecom's satellite
        // service. The rest of 174 is not for public mobiles.
        Add(Carrier.ChinaTelecom, false, "1349", "1740");
        Add(Carrier.Unknown, false, "1741", "1742", "1743", "1744", "1745", "1746", "1747", "1748", "1749");
        return map.ToFrozenDictionary();

        void Add(Carrier carrier, bool isVirtual, params string[] prefixes)
        {
            foreach (var prefix in prefixes)
            {
                map[prefix] = (carrier, isVirtual);
            }
        }
    }
}
