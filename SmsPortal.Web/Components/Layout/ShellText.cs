namespace SmsPortal.Web.Components.Layout;

/// <summary>Texts of the console shell, the landing page and the shared pages (ShellText.resx, ShellText.zh-CN.resx).</summary>
public sealed class ShellText;
