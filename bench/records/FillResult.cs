namespace SmsPortal.Bench.Records;

/// <summary>What the fill wrote: the big account (a tenth of the messages) and a median one are the ones measured.</summary>
internal sealed record FillResult(long Messages, int Accounts, int Days, TimeSpan Took, int BigAccountId, int MedianAccountId);
