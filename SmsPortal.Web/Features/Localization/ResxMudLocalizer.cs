using Microsoft.Extensions.Localization;
using MudBlazor;

namespace SmsPortal.Web.Features.Localization;

/// <summary>
/// Gives MudBlazor's components (the grid pager's "Rows per page" and "1-3 of 3", pickers, close buttons) the
/// reader's language from MudBlazorText.resx; a key the file lacks falls back to MudBlazor's English.
/// </summary>
internal sealed class ResxMudLocalizer(IStringLocalizer<MudBlazorText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    // MudBlazor asks with no arguments for texts that hold its own placeholders ({first_item}): those are not formatted.
    public override LocalizedString this[string key, params object[] arguments] => arguments.Length == 0 ? text[key] : text[key, arguments];
}
