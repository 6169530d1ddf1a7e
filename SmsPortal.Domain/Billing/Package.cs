namespace SmsPortal.Domain.Billing;

/// <summary>A package of SMS an admin offers for sale. Packages are prepaid and not refundable.</summary>
public sealed class Package
{
    public const int NameMaxLength = 60;
    public const long MaxSms = 100_000_000;

    /// <summary>Most money one package adds (¥10,000,000.00), in fen.</summary>
    public const long MaxMoneyFen = 1_000_000_000;
    public const decimal MaxPrice = 10_000_000m;
    public const int MaxValidityDays = 3650;

    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>How many SMS (credits) the package adds to the buyer's ledger.</summary>
    public long Sms { get; set; }

    /// <summary>Money (CNY fen) the package adds to the buyer's money balance, for international SMS; 0 for a package of SMS only.</summary>
    public long MoneyFen { get; set; }

    /// <summary>The list price in CNY, two decimals.</summary>
    public decimal Price { get; set; }

    /// <summary>Days the package is sold as valid for, counted from payment (shown on the order and the invoice).</summary>
    public int ValidityDays { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who sells it: null for the platform's own catalogue, or the reseller whose customers it is offered to.</summary>
    public int? SellerAccountId { get; set; }
}

/// <summary>A price for one account that replaces the list price (what resellers and negotiated customers pay).</summary>
public sealed class PackagePrice
{
    public int Id { get; set; }

    public int AccountId { get; set; }

    public int PackageId { get; set; }

    public decimal Price { get; set; }
}

/// <summary>The rules every package and price obeys; an error is a key of the billing texts, null when valid.</summary>
public static class PackageRules
{
    public static string? Check(string? name, long sms, decimal price, int validityDays, long moneyFen = 0)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Package.NameMaxLength)
        {
            return "Error.PackageName";
        }

        // A package of money for international SMS (decision 0034) may hold no SMS; every other holds at least one.
        if (moneyFen is < 0 or > Package.MaxMoneyFen)
        {
            return "Error.PackageMoney";
        }

        if (sms is < 0 or > Package.MaxSms || (sms == 0 && moneyFen == 0))
        {
            return "Error.PackageSms";
        }

        if (CheckPrice(price) is { } priceError)
        {
            return priceError;
        }

        return validityDays is < 1 or > Package.MaxValidityDays ? "Error.PackageValidity" : null;
    }

    /// <summary>A price is positive, at most ten million and has no more than two decimals (fen).</summary>
    public static string? CheckPrice(decimal price) =>
        price <= 0 || price > Package.MaxPrice || decimal.Round(price, 2) != price ? "Error.Price" : null;
}
