namespace SmsPortal.Infrastructure.International;

/// <summary>What one segment of an international message costs the account (its price) and the platform (its cost), in CNY fen.</summary>
public sealed record InternationalQuote(long PriceFen, long? CostFen);
