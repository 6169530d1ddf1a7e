using SmsPortal.Domain.Ledger;

namespace SmsPortal.Infrastructure.Records;

/// <summary>A ledger line about the message (reserve on acceptance, settle or refund on the final status), in credits or, abroad, CNY fen.</summary>
public sealed record RecordCharge(LedgerEntryKind Kind, long Amount, DateTimeOffset At, LedgerCurrency Currency = LedgerCurrency.Credits);
