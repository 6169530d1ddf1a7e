namespace SmsPortal.Web.Features.Resellers;

/// <summary>One day of the platform's calendar and what became of the messages accepted on it.</summary>
/// <param name="Sent">Every message accepted that day.</param>
/// <param name="Failed">Failed or expired (both refunded).</param>
/// <param name="Pending">Neither delivered nor failed yet.</param>
public sealed record DayStatisticsResponse(DateOnly Day, int Sent, int Delivered, int Failed, int Pending);

/// <summary>One customer's messages over the period.</summary>
public sealed record CustomerTotalsResponse(string ApiId, string Name, int Sent, int Delivered, int Failed, int Pending);

/// <summary>All the reseller's customers: by day (oldest first) and by customer (busiest first).</summary>
public sealed record CustomersStatisticsResponse(IReadOnlyList<DayStatisticsResponse> Days, IReadOnlyList<CustomerTotalsResponse> Customers);

/// <summary>One customer of the reseller: its balance and its messages by day (oldest first).</summary>
public sealed record CustomerStatisticsResponse(string ApiId, string Name, long Balance, IReadOnlyList<DayStatisticsResponse> Days);
