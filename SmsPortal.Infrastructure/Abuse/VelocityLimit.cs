namespace SmsPortal.Infrastructure.Abuse;

/// <summary>At most Limit sends in each window of WindowSeconds; Limit 0 for none.</summary>
public sealed class VelocityLimit
{
    public int Limit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}
