using MudBlazor;

namespace SmsPortal.Web.Components.Layout;

/// <summary>
/// The console's colours. Every colour that carries text (chips in the text variant, filled buttons with their
/// contrast text) meets WCAG AA, 4.5:1: MudBlazor's defaults (success #00c853 at 2.1:1 on white, white on
/// orange at 2.15:1) do not.
/// </summary>
internal static class SmsPortalTheme
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), MudTheme> Branded = new();

    /// <summary>The platform's theme, or for a reseller's brand the same theme with its two colours (light mode) in place.</summary>
    public static MudTheme For(SmsPortal.Infrastructure.Resellers.Brand? brand) => brand is null
        ? Theme
        : Branded.GetOrAdd((brand.PrimaryColour, brand.SecondaryColour), colours => new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = colours.Item1,
                Secondary = colours.Item2,
                Tertiary = Theme.PaletteLight.Tertiary,
                Info = Theme.PaletteLight.Info,
                Success = Theme.PaletteLight.Success,
                Warning = Theme.PaletteLight.Warning,
                Error = Theme.PaletteLight.Error,
                AppbarBackground = colours.Item1,
                AppbarText = "#ffffff",
                Background = Theme.PaletteLight.Background,
                DrawerBackground = Theme.PaletteLight.DrawerBackground,
                DrawerText = Theme.PaletteLight.DrawerText,
                TextPrimary = Theme.PaletteLight.TextPrimary,
                TextSecondary = Theme.PaletteLight.TextSecondary,
            },
            PaletteDark = Theme.PaletteDark,
            Typography = Theme.Typography,
            LayoutProperties = Theme.LayoutProperties,
        });

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a5fd0",
            Secondary = "#0f766e",
            Tertiary = "#b45309",
            Info = "#1d4ed8",
            Success = "#047857",
            Warning = "#b45309",
            Error = "#c81e1e",
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
            Primary = "#6ea2ff",
            PrimaryContrastText = "#0b1120",
            Secondary = "#34d399",
            SecondaryContrastText = "#0b1120",
            Tertiary = "#fbbf24",
            TertiaryContrastText = "#0b1120",
            Info = "#60a5fa",
            InfoContrastText = "#0b1120",
            Success = "#34d399",
            SuccessContrastText = "#0b1120",
            Warning = "#fbbf24",
            WarningContrastText = "#0b1120",
            Error = "#f87171",
            ErrorContrastText = "#0b1120",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#a3acb9",
            AppbarBackground = "#0f172a",
            Background = "#0b1120",
            Surface = "#111827",
            DrawerBackground = "#0f172a",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "248px" },
    };
}
