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

    /// <summary>
    /// Every line a final status writes for <paramref name="message"/>: its own (<see cref="Of"/>) and, for an international
    /// message of a reseller's customer, the reseller's in the same way — its wholesale cost settled with a zero entry on
    /// delivery, refunded otherwise (decision 0034). Every batched writer settles through this, so both always go together.
    /// </summary>
    public static IEnumerable<LedgerLine> Final(Message message, MessageStatus status) =>
        Final(message.AccountId, status, message.Parts, message.SmsId, message.PriceFen, message.ResellerAccountId, message.WholesaleFen);

    /// <summary>As above, from a message's columns (the SQLite writers read only those).</summary>
    public static IEnumerable<LedgerLine> Final(int accountId, MessageStatus status, int parts, string smsId, long? priceFen, int? resellerId, long? wholesaleFen) =>
        BothSides(accountId, priceFen, resellerId, wholesaleFen, (account, fen) => Of(account, status, parts, smsId, fen));

    /// <summary>As <see cref="Final"/>, for a message the upstream refused.</summary>
    public static IEnumerable<LedgerLine> Refused(Message message) =>
        BothSides(message.AccountId, message.PriceFen, message.ResellerAccountId, message.WholesaleFen, (account, fen) => RefusedUpstream(account, message.Parts, message.SmsId, fen));

    /// <summary>
    /// The sender's line and, only for a message charged in money that a reseller pays wholesale, the reseller's line of
    /// the same kind for its wholesale amount: the one rule of when a reseller is settled with its customer.
    /// </summary>
    private static IEnumerable<LedgerLine> BothSides(int accountId, long? priceFen, int? resellerId, long? wholesaleFen, Func<int, long?, LedgerLine> line)
    {
        yield return line(accountId, priceFen);
        if (priceFen is not null && resellerId is { } reseller && wholesaleFen is { } fen)
        {
            yield return line(reseller, fen);
        }
    }

    private static LedgerCurrency CurrencyOf(long? priceFen) => priceFen is null ? LedgerCurrency.Credits : LedgerCurrency.Cny;

    public static string ExpiryRaw(ExpiryKind kind, int expireAfterHours, string? upstreamStatus) => kind == ExpiryKind.NoReceipt
        ? "no receipt"
        : Truncate($"not sent: no channel took it within {expireAfterHours} h ({upstreamStatus})");

    public static string Truncate(string raw) => raw.Length <= 500 ? raw : raw[..500];
}
