namespace SmsPortal.Infrastructure.Accounts;

/// <summary>What became of a change to an account's country allow-list: saved, or why not (nothing was changed).</summary>
/// <param name="UnknownCode">A code that is no country calling code.</param>
/// <param name="TooMany">More codes than a list holds.</param>
public sealed record CountriesChange(bool Saved, string? UnknownCode = null, bool TooMany = false);
