using System.Globalization;
using System.Text.RegularExpressions;

namespace SmsPortal.Bench.Circuits;

/// <summary>The portal process's working set (VmRSS) and its live managed heap after a full GC (dotnet-gcdump's total).</summary>
public sealed partial record PortalMemory(long Rss, long Heap, string Report)
{
    public override string ToString() => $"working set {Rss / 1048576.0:N1} MB, live GC heap {Heap / 1048576.0:N1} MB";

    /// <summary>The total of dotnet-gcdump's report, e.g. "  123,456,789  GC Heap bytes" or "... Total".</summary>
    public static long ParseGcdumpTotal(string report)
    {
        var m = Total().Match(report);
        return m.Success ? long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex("([\\d,]+)\\s+GC Heap bytes")]
    private static partial Regex Total();
}
