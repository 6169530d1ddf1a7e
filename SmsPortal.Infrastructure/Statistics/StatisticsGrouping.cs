namespace SmsPortal.Infrastructure.Statistics;

/// <summary>What the statistics pages group sent messages by.</summary>
public enum StatisticsGrouping
{
    /// <summary>Days of the platform's calendar (Sending:DayOffsetHours), like the records filter.</summary>
    Day = 0,

    Template = 1,

    /// <summary>The 【signature】 the text went out under.</summary>
    Signature = 2,

    /// <summary>The mainland network of the number's segment; numbers abroad by country code.</summary>
    Carrier = 3,

    /// <summary>The channel that took the message (admins only).</summary>
    Channel = 4,

    /// <summary>The sending account (admins only).</summary>
    Account = 5,

    /// <summary>The destination's country calling code ("852"; "86" for the mainland), with the money charged abroad.</summary>
    Country = 6,
}
