using SmsPortal.Infrastructure.Records;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>What became of one customer's messages in a period.</summary>
public sealed record CustomerTotals(string ApiId, string Name, StatusCounts Counts);
