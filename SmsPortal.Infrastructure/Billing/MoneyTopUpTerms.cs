namespace SmsPortal.Infrastructure.Billing;

/// <summary>
/// Whether an account may top up a free amount of money for international SMS, and between which amounts (CNY fen,
/// from <see cref="BillingOptions.MoneyTopUpMinYuan"/> and <see cref="BillingOptions.MoneyTopUpMaxYuan"/>).
/// </summary>
public sealed record MoneyTopUpTerms(bool Offered, long MinFen, long MaxFen);
