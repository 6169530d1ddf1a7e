using SmsPortal.Domain.Billing;

namespace SmsPortal.Domain.Resellers;

/// <summary>
/// What a reseller pays the platform for credits, and what it may charge its customers for them: never less than
/// that cost, so a reseller never sells below what the credits cost it (and every sale leaves it a margin of zero or
/// more). An error is the key of a selling text, null when the price stands.
/// </summary>
public static class WholesaleRules
{
    /// <summary>The exact wholesale cost of <paramref name="sms"/> credits: per SMS, or pro rata of the package of N.</summary>
    public static decimal CostOf(WholesaleUnit unit, decimal wholesalePrice, int? wholesalePackageSms, long sms) => unit switch
    {
        WholesaleUnit.PerSms => wholesalePrice * sms,
        WholesaleUnit.PerPackage when wholesalePackageSms is > 0 => wholesalePrice * sms / wholesalePackageSms.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "A wholesale price per package needs the package's SMS."),
    };

    /// <summary>The cost as an amount to pay: rounded up to the fen, so the platform is never paid less than its price.</summary>
    public static decimal Payable(decimal cost) => decimal.Ceiling(cost * 100) / 100;

    /// <summary>A reseller's price for <paramref name="sms"/> credits: a valid price (see <see cref="PackageRules.CheckPrice"/>) and at least the cost.</summary>
    public static string? CheckRetailPrice(decimal price, decimal cost)
    {
        if (PackageRules.CheckPrice(price) is { } error)
        {
            return error;
        }

        return price < cost ? "Error.BelowWholesaleCost" : null;
    }

    /// <summary>The seller's tax details printed on its invoices: all four lines, within the invoice's lengths.</summary>
    public static string? CheckTaxDetails(string? name, string? taxNumber, string? addressAndPhone, string? bankAndAccount)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length is < 2 or > Invoice.TitleMaxLength)
        {
            return "Error.TaxName";
        }

        var tax = taxNumber?.Trim() ?? "";
        if (tax.Length is < 15 or > Invoice.TaxNumberMaxLength || !tax.All(char.IsAsciiLetterOrDigit))
        {
            return "Error.TaxNumber";
        }

        return string.IsNullOrWhiteSpace(addressAndPhone) || string.IsNullOrWhiteSpace(bankAndAccount)
            || addressAndPhone.Trim().Length > Invoice.LineMaxLength || bankAndAccount.Trim().Length > Invoice.LineMaxLength
            ? "Error.TaxLines"
            : null;
    }
}
