using System.Globalization;
using System.Text.RegularExpressions;

namespace SmsPortal.Tests.Support;

/// <summary>A /metrics answer in the Prometheus text format, read as a scraper reads it: samples by name and labels.</summary>
public sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            _samples.Add((match.Groups["name"].Value, labels, value));
        }
    }

    public string Text { get; }

    /// <summary>Every sample name (histograms show as name_bucket, name_sum, name_count).</summary>
    public IReadOnlySet<string> Names => _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The sum of the samples of a name whose labels include all of <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    /// <summary>Whether a sample of the name with these labels is there at all.</summary>
    public bool Has(string name, params (string Label, string Value)[] labels) => Matching(name, labels).Any();

    private IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Matching(string name, (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
