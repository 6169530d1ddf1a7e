using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using SmsPortal.Domain.Ledger;

namespace SmsPortal.Web.Features.Billing;

/// <summary>
/// Reads a ledger note or a billing audit text in the reader's language: a <see cref="KeyedText"/> through
/// "Note.{key}" in BillingText.resx, with each {value} filled in (and "Note.Value.{name}.{value}" where a value
/// is itself a word, such as on sale). Notes written in English before keys existed, and those the receipt
/// pipeline still writes, are recognised and read the same way; any other text is shown as written.
/// </summary>
internal static partial class StoredText
{
    public static string Read(IStringLocalizer text, string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return "";
        }

        var keyed = KeyedText.Parse(stored) ?? Legacy(stored);
        if (keyed is null || text["Note." + keyed.Key] is not { ResourceNotFound: false } format)
        {
            return stored;
        }

        var result = format.Value;
        foreach (var (name, value) in keyed.Values)
        {
            var word = text[$"Note.Value.{name}.{value}"];
            result = result.Replace("{" + name + "}", word.ResourceNotFound ? value : word.Value, StringComparison.Ordinal);
        }

        return result;
    }

    private static KeyedText? Legacy(string stored) => stored switch
    {
        "Trial credits" => new KeyedText("Ledger.Trial", new Dictionary<string, string>()),
        "Demo credits from Bootstrap settings" => new KeyedText("Ledger.DemoCredits", new Dictionary<string, string>()),
        "Refused upstream" => new KeyedText("Ledger.RefusedUpstream", new Dictionary<string, string>()),
        "Expired" => new KeyedText("Ledger.Expired", new Dictionary<string, string>()),
        "Not delivered" => new KeyedText("Ledger.NotDelivered", new Dictionary<string, string>()),
        _ when DeliveredNote().Match(stored) is { Success: true } match => new KeyedText("Ledger.Delivered", new Dictionary<string, string> { ["parts"] = match.Groups[1].Value }),
        _ => null,
    };

    [GeneratedRegex(@"^Delivered: (\d+) charged$")]
    private static partial Regex DeliveredNote();
}
