using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>The rules both receipt stores share: how a final status settles, and what an expiry records.</summary>
internal static class Settlements
{
    /// <summary>Delivered keeps the reserved credits (a zero entry that closes the reservation); anything else refunds them.</summary>
    public static LedgerLine Of(int accountId, MessageStatus status, int parts, string smsId) => status == MessageStatus.Delivered
        ? new LedgerLine(accountId, LedgerEntryKind.Settle, 0, smsId, $"Delivered: {parts} charged")
        : new LedgerLine(accountId, LedgerEntryKind.Refund, parts, smsId, status == MessageStatus.Expired ? "Expired" : "Not delivered");

    public static string ExpiryRaw(ExpiryKind kind, int expireAfterHours, string? upstreamStatus) => kind == ExpiryKind.NoReceipt
        ? "no receipt"
        : Truncate($"not sent: no channel took it within {expireAfterHours} h ({upstreamStatus})");

    public static string Truncate(string raw) => raw.Length <= 500 ? raw : raw[..500];
}
