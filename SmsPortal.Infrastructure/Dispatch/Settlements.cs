using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>The rules both receipt stores share: how a final status settles, and what an expiry records.</summary>
internal static class Settlements
{
    /// <summary>
    /// Delivered keeps the reserved credits (a zero entry that closes the reservation); anything else refunds them.
    /// Notes are keys with values (<see cref="KeyedText"/>), read in each reader's language.
    /// </summary>
    public static LedgerLine Of(int accountId, MessageStatus status, int parts, string smsId) => status == MessageStatus.Delivered
        ? new LedgerLine(accountId, LedgerEntryKind.Settle, 0, smsId, KeyedText.Of("Ledger.Delivered", ("parts", parts)))
        : new LedgerLine(accountId, LedgerEntryKind.Refund, parts, smsId, KeyedText.Of(status == MessageStatus.Expired ? "Ledger.Expired" : "Ledger.NotDelivered"));

    /// <summary>The upstream refused the message: its reserved credits come back.</summary>
    public static LedgerLine RefusedUpstream(int accountId, int parts, string smsId) =>
        new(accountId, LedgerEntryKind.Refund, parts, smsId, KeyedText.Of("Ledger.RefusedUpstream"));

    public static string ExpiryRaw(ExpiryKind kind, int expireAfterHours, string? upstreamStatus) => kind == ExpiryKind.NoReceipt
        ? "no receipt"
        : Truncate($"not sent: no channel took it within {expireAfterHours} h ({upstreamStatus})");

    public static string Truncate(string raw) => raw.Length <= 500 ? raw : raw[..500];
}
