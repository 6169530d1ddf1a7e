namespace SmsPortal.Web.Components;

/// <summary>Dark or light, remembered in a cookie that the first (static) render reads.</summary>
public static class ThemePreference
{
    public const string CookieName = "smsportal.theme";
}
