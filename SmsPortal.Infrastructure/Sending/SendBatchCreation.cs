using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>What creating a batch came to: code 2 with the batch's id, or the refusal (nothing was created).</summary>
public sealed record SendBatchCreation(ResultCode Code, int? BatchId = null, string? Detail = null, int? LimitInForce = null)
{
    public bool IsCreated => Code == ResultCode.Accepted;

    public string Message => ResultMessages.Submit(Code, LimitInForce);

    public static SendBatchCreation From(SubmitResult refused) => new(refused.Code, Detail: refused.Detail, LimitInForce: refused.LimitInForce);
}
