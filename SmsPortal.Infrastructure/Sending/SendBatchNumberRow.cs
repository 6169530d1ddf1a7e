namespace SmsPortal.Infrastructure.Sending;

/// <summary>One number of a batch and what it came to: no code yet, or the result code and, when accepted, the smsid.</summary>
public sealed record SendBatchNumberRow(string Mobile, int? Code, string? SmsId);
