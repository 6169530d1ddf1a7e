using MudBlazor;

namespace SmsPortal.Web.Components.Layout;

internal static class SmsPortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f6feb",
            Secondary = "#0e9f6e",
            Tertiary = "#f59e0b",
            AppbarBackground = "#0b1f3a",
            AppbarText = "#ffffff",
            Background = "#f5f7fb",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2937",
            TextPrimary = "#111827",
            TextSecondary = "#4b5563",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4c8dff",
            Secondary = "#34d399",
            Tertiary = "#fbbf24",
            AppbarBackground = "#0f172a",
            Background = "#0b1120",
            Surface = "#111827",
            DrawerBackground = "#0f172a",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "248px" },
    };
}
