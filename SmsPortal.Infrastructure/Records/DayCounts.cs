namespace SmsPortal.Infrastructure.Records;

/// <summary>One day of the platform's calendar and what became of the messages accepted on it.</summary>
public sealed record DayCounts(DateOnly Day, StatusCounts Counts);
