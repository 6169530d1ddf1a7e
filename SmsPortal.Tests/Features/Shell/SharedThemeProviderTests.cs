using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SmsPortal.Web.Components.Layout;

namespace SmsPortal.Tests.Features.Shell;

/// <summary>The console's theme provider renders what MudBlazor's renders, from one sheet every circuit shares (decision 0037).</summary>
public sealed class SharedThemeProviderTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public SharedThemeProviderTests()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ItRendersMudBlazorsSheetForTheThemeAndMode(bool dark)
    {
        var theme = SmsPortalTheme.Theme;
        var mud = _context.Render<MudThemeProvider>(p => p.Add(t => t.Theme, theme).Add(t => t.IsDarkMode, dark));
        var shared = _context.Render<SharedThemeProvider>(p => p.Add(t => t.Theme, theme).Add(t => t.IsDarkMode, dark));

        Assert.Equal(Normalize(mud.Markup), Normalize(shared.Markup));
        Assert.Contains(dark ? theme.PaletteDark.Background.ToString(MudBlazor.Utilities.MudColorOutputFormats.RGBA) : theme.PaletteLight.Background.ToString(MudBlazor.Utilities.MudColorOutputFormats.RGBA), shared.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TwoCircuitsKeepTheSameSheetAndAModeChangeRendersTheOther()
    {
        var theme = new MudTheme { PaletteLight = new PaletteLight { Primary = "#123456" } };
        var before = SharedThemeProvider.SheetsMade;
        var first = _context.Render<SharedThemeProvider>(p => p.Add(t => t.Theme, theme).Add(t => t.IsDarkMode, false));
        Assert.Equal(before + 1, SharedThemeProvider.SheetsMade);
        using var other = new BunitContext();
        other.Services.AddMudServices();
        other.JSInterop.Mode = JSRuntimeMode.Loose;
        var second = other.Render<SharedThemeProvider>(p => p.Add(t => t.Theme, theme).Add(t => t.IsDarkMode, false));
        Assert.Equal(before + 1, SharedThemeProvider.SheetsMade);
        Assert.Equal(first.Markup, second.Markup);
        Assert.Contains("--mud-palette-primary: rgba(18,52,86,1);", first.Markup, StringComparison.Ordinal);

        var light = first.Markup;
        first.Render(p => p.Add(t => t.IsDarkMode, true));
        Assert.NotEqual(light, first.Markup);
        Assert.Equal(before + 2, SharedThemeProvider.SheetsMade);
    }

    private static string Normalize(string markup) => string.Join("\n", markup.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
