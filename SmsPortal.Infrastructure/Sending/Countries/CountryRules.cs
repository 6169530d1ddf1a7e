using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Review;
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
        return UsesSignatureBrackets(number.CountryCode);
    }

    /// <summary>The same for a calling code ("852"); the mainland's (86) always does.</summary>
    public bool UsesSignatureBrackets(string countryCode) =>
        countryCode == CountryCallingCodes.Mainland || _brackets.Contains(countryCode);

    /// <summary>
    /// The one rule for the text a message goes out as to a number of <paramref name="countryCode"/>, used by every door,
    /// a batch's confirmation and the console's preview: the 【signature】 in front where the country uses brackets, or
    /// where the customer wrote it (it was checked like any); otherwise the body alone (decision 0035).
    /// </summary>
    public string ComposeFor(string countryCode, string signature, string body, bool ownSignature) =>
        ownSignature || UsesSignatureBrackets(countryCode) ? SignatureRules.Compose(signature, body) : body;
}
