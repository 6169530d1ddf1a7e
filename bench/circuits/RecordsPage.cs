using System.Text.RegularExpressions;

namespace SmsPortal.Bench.Circuits;

/// <summary>What the records page renders that this client reads: the grid pager's "first–last of total".</summary>
public static partial class RecordsPage
{
    /// <summary>The grid has its rows: the pager says which.</summary>
    public static bool Loaded(RenderBatch batch) => batch.Texts.Any(t => PagerInfo().Match(t) is { Success: true } m && m.Groups[3].Value != "0");

    /// <summary>The batch renders the rows <paramref name="first"/> to <paramref name="last"/> (1-based) of the records.</summary>
    public static bool Shows(RenderBatch batch, int first, int last) =>
        batch.Texts.Any(t => PagerInfo().Match(t) is { Success: true } m && m.Groups[1].Value == first.ToString() && m.Groups[2].Value == last.ToString());

    /// <summary>The pager's next (or previous) page button.</summary>
    public static bool IsPagerButton(RenderedHandler handler, bool forward) =>
        handler.Element == "button" && handler.Attributes.TryGetValue("aria-label", out var label) && label.Contains(forward ? "Next" : "Previous", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^(\\d+)–(\\d+) of ([\\d,]+)$")]
    public static partial Regex PagerInfo();
}
