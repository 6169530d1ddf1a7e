namespace SmsPortal.Infrastructure.Verify;

/// <summary>A Verify service's figures over some days: what was started, delivered, approved (the conversion rate), expired and blocked.</summary>
public sealed record VerifyServiceStatistics(int Started, int Delivered, int Approved, int Expired, int Blocked, IReadOnlyList<VerifyDay> Days)
{
    /// <summary>Approved out of started, 0 to 1 (0 when nothing started).</summary>
    public double ConversionRate => Started == 0 ? 0 : (double)Approved / Started;
}
