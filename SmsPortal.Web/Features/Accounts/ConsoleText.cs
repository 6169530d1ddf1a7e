namespace SmsPortal.Web.Features.Accounts;

/// <summary>Texts of the customer console pages (ConsoleText.resx, ConsoleText.zh-CN.resx).</summary>
public sealed class ConsoleText;
