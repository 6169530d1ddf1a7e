namespace SmsPortal.Domain.International;

/// <summary>What is wrong with one line of an imported price list: its line number in the file, a key of the texts, the value at fault.</summary>
public sealed record PriceListProblem(int Line, string Key, string? Value = null);
