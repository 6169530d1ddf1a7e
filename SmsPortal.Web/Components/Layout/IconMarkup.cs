using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace SmsPortal.Web.Components.Layout;

/// <summary>
/// A MudBlazor icon as the &lt;svg&gt; element MudIcon renders, without the component: one render-tree frame in place of a
/// component, or of an element with its five attributes. Every circuit keeps two copies of its components' frames, so the
/// records page's rows and the console's navigation draw their icons with this (decision 0037, circuits). The markup is
/// made once for each icon and shared by every circuit.
/// </summary>
public static class IconMarkup
{
    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Made = new();

    /// <summary>The icon (one of <c>Icons.Material…</c>) in an &lt;svg&gt; with MudIcon's classes for its size and place.</summary>
    public static MarkupString Svg(string icon, string classes) =>
        Made.GetOrAdd((icon, classes), key => new MarkupString(
            $"""<svg class="{key.Classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{key.Icon}</svg>"""));
}
