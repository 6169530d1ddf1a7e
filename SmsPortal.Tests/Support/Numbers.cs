using System.Globalization;

namespace SmsPortal.Tests.Support;

/// <summary>Random mainland numbers for tests that expect their messages delivered.</summary>
public static class Numbers
{
    /// <summary>
    /// <paramref name="prefix"/> (three digits) and eight random digits, never ending in 0000 or 9999: the simulator
    /// channel reports UNDELIV for the first and refuses the second (SimulatorOptions), which failed a test about one run in
    /// a few hundred.
    /// </summary>
    public static string Deliverable(string prefix = "139")
    {
        while (true)
        {
            var digits = Random.Shared.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
            if (!digits.EndsWith("0000", StringComparison.Ordinal) && !digits.EndsWith("9999", StringComparison.Ordinal))
            {
                return prefix + digits;
            }
        }
    }
}
