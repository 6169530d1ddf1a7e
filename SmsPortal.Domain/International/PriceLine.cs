namespace SmsPortal.Domain.International;

/// <summary>A price list line as read from a file or a form, before it is stored: per segment, in fen.</summary>
public sealed record PriceLine(string CountryCode, string Prefix, string? Network, long PriceFen, long? CostFen);
