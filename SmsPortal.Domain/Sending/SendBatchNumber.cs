namespace SmsPortal.Domain.Sending;

/// <summary>
/// One receiving number of a <see cref="SendBatch"/>, in the order given. <see cref="Code"/> is null until the number is
/// decided, then the submission's result code (2 accepted, with <see cref="MessageId"/>), written in the same
/// transaction as the message and its reservation, or as the refusal.
/// </summary>
public sealed class SendBatchNumber
{
    public long Id { get; set; }

    public int BatchId { get; set; }

    public required string Mobile { get; set; }

    public int? Code { get; set; }

    public long? MessageId { get; set; }
}
