using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace SmsPortal.Web.Features.Localization;

/// <summary>
/// The one formatter of times on the console and admin pages: every time is shown in one zone — the person's
/// choice (a claim of theirs) or the platform's <see cref="DisplayOptions.TimeZone"/> — and with that zone's label.
/// </summary>
internal sealed class DisplayTime(AuthenticationStateProvider authentication, IOptions<DisplayOptions> options, TimeProvider clock)
{
    public const string ClaimType = "smsportal:time-zone";
    public const string ChinaTime = "Asia/Shanghai";

    /// <summary>The zones a person may choose, besides the platform's default (texts Zone.&lt;id&gt;).</summary>
    public static readonly string[] Choices =
    [
        "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Tokyo", "Asia/Kolkata", "Asia/Dubai",
        "Europe/London", "Europe/Berlin", "Europe/Moscow", "America/New_York", "America/Los_Angeles", "Australia/Sydney", "UTC",
    ];

    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= Resolve();

    /// <summary>The zone's offset now, as shown beside times: "UTC+08:00".</summary>
    public string Label => LabelOf(Zone, clock.GetUtcNow());

    public string Format(DateTimeOffset at) => In(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public string FormatMinutes(DateTimeOffset at) => In(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Day(DateTimeOffset at) => In(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Clock(DateTimeOffset at) => In(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A time standing alone: "2026-12-03 20:15:02 UTC+08:00".</summary>
    public string WithLabel(DateTimeOffset at, bool seconds = true) => (seconds ? Format(at) : FormatMinutes(at)) + " " + LabelOf(Zone, at);

    /// <summary>A column of times: its title with the zone, "Time (UTC+08:00)".</summary>
    public string Header(string title) => $"{title} ({Label})";

    public DateTimeOffset In(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public static bool IsKnown(string? id) => id is not null && (Choices.Contains(id, StringComparer.Ordinal) || TryFind(id) is not null);

    public static string LabelOf(TimeZoneInfo zone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var offset = zone.GetUtcOffset(at);
        return "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    public static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>
    /// The zone of a person: their choice (a claim), else the platform's. HTTP endpoints (CSV exports) read it from
    /// the request's user, pages through <see cref="Zone"/>.
    /// </summary>
    public static TimeZoneInfo ZoneOf(ClaimsPrincipal? user, DisplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var chosen = user?.FindFirstValue(ClaimType);
        return (chosen is not null && Choices.Contains(chosen, StringComparer.Ordinal) ? TryFind(chosen) : null)
            ?? TryFind(options.TimeZone)
            ?? TimeZoneInfo.CreateCustomTimeZone(ChinaTime, TimeSpan.FromHours(8), ChinaTime, ChinaTime);
    }

    private TimeZoneInfo Resolve()
    {
        // Circuits and requests hold a finished authentication state; a page being prerendered before it is known uses the platform's zone.
        var state = authentication.GetAuthenticationStateAsync();
        return ZoneOf(state.IsCompletedSuccessfully ? state.Result.User : null, options.Value);
    }
}
