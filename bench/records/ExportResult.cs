namespace SmsPortal.Bench.Records;

/// <summary>An export's rows and time, and the managed heap: before it, after 100,000 rows, and at its peak.</summary>
internal sealed record ExportResult(long Rows, TimeSpan Took, long BaselineBytes, long After100kBytes, long PeakBytes, long AllocatedBytes);
