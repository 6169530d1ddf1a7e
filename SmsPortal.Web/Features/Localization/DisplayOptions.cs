namespace SmsPortal.Web.Features.Localization;

/// <summary>
/// Section <c>Display</c>: how the console shows times. <see cref="TimeZone"/> is the platform's default (an IANA
/// id, China time unless set); each person may choose another on their profile.
/// </summary>
public sealed class DisplayOptions
{
    public const string Section = "Display";

    public string TimeZone { get; set; } = DisplayTime.ChinaTime;
}
