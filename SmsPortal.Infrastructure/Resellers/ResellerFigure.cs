namespace SmsPortal.Infrastructure.Resellers;

/// <summary>One reseller's money and SMS, as the admins' reseller page shows them (see <see cref="ResellerFigures"/> for what each counts).</summary>
/// <param name="BoughtSms">SMS the reseller bought from the platform (its paid orders).</param>
/// <param name="BoughtAmount">What it paid the platform for them (¥).</param>
/// <param name="ConsumedSms">SMS its customers used: sends charged less refunds.</param>
/// <param name="ConsumedWholesale">Those SMS at the reseller's wholesale price (¥).</param>
/// <param name="SoldSms">SMS its customers bought (their paid orders).</param>
/// <param name="SoldAmount">What its customers paid for them (¥).</param>
/// <param name="Margin">What its customers paid less those SMS at the wholesale price (¥).</param>
public sealed record ResellerFigure(int ResellerId, long BoughtSms, decimal BoughtAmount, long ConsumedSms, decimal ConsumedWholesale, long SoldSms, decimal SoldAmount, decimal Margin);
