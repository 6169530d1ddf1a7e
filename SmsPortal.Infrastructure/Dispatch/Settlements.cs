using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>The rules both receipt stores share: how a final status settles, and what an expiry records.</summary>
internal static class Settlements
{
    /// <summary>
    /// Delivered keeps the reserved credits (a zero entry that closes the reservation); anything else refunds them.
    /// An international message (<paramref name="priceFen"/> set) was charged in money: the same in CNY fen.
    /// Notes are keys with values (<see cref="KeyedText"/>), read in each reader's language.
    /// </summary>
    public static LedgerLine Of(int accountId, MessageStatus status, int parts, string smsId, long? priceFen = null) => status == MessageStatus.Delivered
        ? new LedgerLine(accountId, LedgerEntryKind.Settle, 0, smsId, KeyedText.Of("Ledger.Delivered", ("parts", parts))) { Currency = CurrencyOf(priceFen) }
        : new LedgerLine(accountId, LedgerEntryKind.Refund, priceFen ?? parts, smsId, KeyedText.Of(status == MessageStatus.Expired ? "Ledger.Expired" : "Ledger.NotDelivered")) { Currency = CurrencyOf(priceFen) };

    /// <summary>The upstream refused the message: its reserved credits (or money) come back.</summary>
    public static LedgerLine RefusedUpstream(int accountId, int parts, string smsId, long? priceFen = null) =>
        new(accountId, LedgerEntryKind.Refund, priceFen ?? parts, smsId, KeyedText.Of("Ledger.RefusedUpstream")) { Currency = CurrencyOf(priceFen) };

    private static LedgerCurrency CurrencyOf(long? priceFen) => priceFen is null ? LedgerCurrency.Credits : LedgerCurrency.Cny;

    public static string ExpiryRaw(ExpiryKind kind, int expireAfterHours, string? upstreamStatus) => kind == ExpiryKind.NoReceipt
        ? "no receipt"
        : Truncate($"not sent: no channel took it within {expireAfterHours} h ({upstreamStatus})");

    public static string Truncate(string raw) => raw.Length <= 500 ? raw : raw[..500];
}
