using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// The numbers of one send that go to one country at one price: the text they get there (<see cref="SubmissionService.TextFor"/>),
/// its parts, and what each costs. The mainland's are charged in credits (a part each); a number abroad in money, its
/// price per part × parts, or refused (4033) when no price list prices it (<see cref="PricePerPartFen"/> null).
/// </summary>
public sealed record DestinationQuote(string CountryCode, int Numbers, string Text, SegmentCount Segments, long? PricePerPartFen)
{
    public bool IsMainland => CountryCode == CountryCallingCodes.Mainland;

    /// <summary>Whether its numbers can be charged: the mainland's always, a number abroad only with a price.</summary>
    public bool IsPriced => IsMainland || PricePerPartFen is not null;

    /// <summary>Credits all its numbers take (mainland only).</summary>
    public long Credits => IsMainland ? (long)Segments.Parts * Numbers : 0;

    /// <summary>What one of its numbers costs in money, CNY fen (abroad, priced).</summary>
    public long PriceEachFen => (PricePerPartFen ?? 0) * Segments.Parts;

    /// <summary>Money all its numbers take, CNY fen.</summary>
    public long MoneyFen => PriceEachFen * Numbers;
}
