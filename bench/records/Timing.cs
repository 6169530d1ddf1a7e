namespace SmsPortal.Bench.Records;

internal sealed record Timing(string Kind, string Name, int Runs, double P50, double P99)
{
    public bool Meets => P99 <= 200;
}
