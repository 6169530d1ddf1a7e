using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace SmsPortal.Web.Components.Layout;

/// <summary>
/// MudThemeProvider with its style sheet made once for each theme and mode and shared by every circuit. MudBlazor's own
/// makes the sheet (the palette, typography and layout as CSS variables, about 12,000 characters) again in every circuit and
/// keeps it in the circuit's current and previous render trees, the largest single strings one held (decision 0037, circuits). Everything else, the dark-mode parameters and the browser's preference, is MudBlazor's.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark, bool DefaultScrollbar), string> Sheets = new();

    /// <summary>The sheets made so far: one for each theme and mode, whatever the number of circuits.</summary>
    internal static int SheetsMade => Sheets.Count;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // The layouts set IsDarkMode and nothing else changes it (no system-preference watch, no two-way binding): the
        // parameter is the state MudBlazor's BuildTheme reads.
#pragma warning disable MUD0010
        var sheet = Sheets.GetOrAdd((GetTheme(), IsDarkMode, DefaultScrollbar), _ => Sheet());
#pragma warning restore MUD0010
        builder.AddMarkupContent(0, sheet);
    }

    /// <summary>What MudThemeProvider renders: the scrollbar's style unless the browser's is kept, the charts' hover, the theme.</summary>
    private string Sheet() =>
        (DefaultScrollbar ? "" : BuildMudBlazorScrollbar())
        + "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n"
        + BuildTheme();
}
