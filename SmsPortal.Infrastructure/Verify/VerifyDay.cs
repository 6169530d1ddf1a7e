namespace SmsPortal.Infrastructure.Verify;

/// <summary>One day of a service's figures, for the chart.</summary>
public sealed record VerifyDay(DateOnly Day, int Started, int Approved);
