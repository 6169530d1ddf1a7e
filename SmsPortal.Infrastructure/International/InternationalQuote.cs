namespace SmsPortal.Infrastructure.International;

/// <summary>
/// What one segment of an international message costs the account (its price) and the platform (its cost), in CNY fen;
/// for a reseller's customer also the reseller and its wholesale cost (the platform's price), which its money balance pays.
/// </summary>
public sealed record InternationalQuote(long PriceFen, long? CostFen, int? ResellerId = null, long WholesaleFen = 0);
