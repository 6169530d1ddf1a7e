using System.Globalization;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// A message's key under each grouping, computed in .NET the way <see cref="SendStatistics"/>'s queries compute it in
/// the database (so that a folded day and a counted one agree): the text up to its first 】, the carrier of the
/// number's first four characters, the template id, the channel, the country calling code.
/// </summary>
internal static class StatisticsKeys
{
    /// <summary>The groupings a rollup row is written for (the day totals also serve the grouping by account).</summary>
    public static readonly StatisticsGrouping[] Rolled = [StatisticsGrouping.Day, StatisticsGrouping.Template, StatisticsGrouping.Signature, StatisticsGrouping.Carrier, StatisticsGrouping.Channel, StatisticsGrouping.Country];

    /// <summary>The country key of a mainland message (its Country is null).</summary>
    public const string Mainland = "86";

    /// <summary>The account id of the platform's own rows (every account's messages together); no account has it.</summary>
    public const int Platform = 0;

    /// <summary>
    /// The groupings that also get the platform's rows: few keys a day, so an admin's quarter reads a few thousand rows
    /// instead of one per account. Templates and signatures are each account's own, so platform rows would be as many.
    /// </summary>
    public static bool HasPlatformRows(StatisticsGrouping by) => by is StatisticsGrouping.Day or StatisticsGrouping.Carrier or StatisticsGrouping.Channel or StatisticsGrouping.Country;

    public static string Of(StatisticsGrouping by, int? templateId, string text, string mobile, string? channel, string? country) => by switch
    {
        StatisticsGrouping.Day => "",
        StatisticsGrouping.Template => templateId?.ToString(CultureInfo.InvariantCulture) ?? "",
        // Every text as sent starts with its 【signature】 (a reviewed signature is short); the cut keeps a stored key in its column.
        StatisticsGrouping.Signature => Cut(text[..(text.IndexOf('】') + 1)]),
        StatisticsGrouping.Carrier => SendStatistics.CarrierKey(mobile.Length > 4 ? mobile[..4] : mobile),
        StatisticsGrouping.Channel => Cut(channel ?? ""),
        StatisticsGrouping.Country => country ?? Mainland,
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "Not a rolled-up grouping."),
    };

    /// <summary>What a message is charged in money as the statistics count it: its price unless it failed (then it was refunded).</summary>
    public static long Charged(MessageStatus status, long? priceFen) => status is MessageStatus.Failed or MessageStatus.Expired ? 0 : priceFen ?? 0;

    public static bool IsFinal(MessageStatus status) => status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired;

    private static string Cut(string key) => key.Length <= MessageDayCount.KeyMaxLength ? key : key[..MessageDayCount.KeyMaxLength];
}
