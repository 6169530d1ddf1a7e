using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending.Countries;

/// <summary>The platform's rules per destination country, read once from <see cref="CountryRulesOptions"/>.</summary>
public sealed class CountryRules
{
    private readonly FrozenSet<string> _brackets;

    public CountryRules(IOptions<CountryRulesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _brackets = options.Value.BracketCountries.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Whether a text to <paramref name="number"/> carries the 【signature】 (required, and added when missing). The mainland always does.</summary>
    public bool UsesSignatureBrackets(MobileNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.IsMainland || _brackets.Contains(number.CountryCode);
    }
}
