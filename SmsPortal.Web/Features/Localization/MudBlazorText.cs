namespace SmsPortal.Web.Features.Localization;

/// <summary>MudBlazor's own texts (pagers, pickers, close buttons) in the console's languages (MudBlazorText.resx, MudBlazorText.zh-CN.resx).</summary>
public sealed class MudBlazorText;
