using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Platform;

namespace SmsPortal.Infrastructure.Billing.Payments;

/// <summary>
/// A payment provider that behaves like a real one without money: a hosted pay page (inside SmsPortal, at
/// /pay/sandbox) reached by a signed link, then an asynchronous notification signed with HMAC-SHA256 and POSTed
/// by a background job to the notify URL the payment request named. Its shape follows the Chinese gateways'
/// (sorted key=value pairs joined by &amp;, a sign field, a notify_id the receiver must not apply twice).
/// </summary>
public sealed class SandboxGateway(IOptions<PaymentsOptions> options, SandboxSecret secret, TimeProvider clock) : IPaymentGateway
{
    public const string GatewayName = "sandbox";
    public const string SignField = "sign";

    public string Name => GatewayName;

    public bool IsEnabled => options.Value.Sandbox.Enabled;

    public bool IsConfirmedByAdmin => false;

    public string Acknowledgement => "success";

    public async Task<PaymentStart> StartAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var baseUri = string.IsNullOrWhiteSpace(options.Value.Sandbox.NotifyBaseUrl) ? request.PortalBaseUri : new Uri(options.Value.Sandbox.NotifyBaseUrl.TrimEnd('/') + "/");
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["order_no"] = request.OrderNumber,
            ["amount"] = FormatAmount(request.Amount),
            ["subject"] = request.Subject,
            // The seller the payer sees on the pay page (the platform, or the reseller that sells): signed, so nobody swaps it.
            ["merchant"] = request.Merchant,
            ["notify_url"] = new Uri(baseUri, $"payments/{GatewayName}/notify").ToString(),
            ["return_url"] = "/console/billing?order=" + request.OrderNumber,
        };
        fields[SignField] = await SignAsync(fields, cancellationToken);
        var query = string.Join("&", fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
        return new PaymentStart("/pay/sandbox?" + query, null);
    }

    /// <summary>Checks the signature of the pay page's link, so nobody changes the amount or the notify URL on the way.</summary>
    public async Task<bool> IsGenuineLinkAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        fields.TryGetValue(SignField, out var sign) && FixedTimeEquals(sign, await SignAsync(fields, cancellationToken));

    public async Task<NotificationCheck> VerifyAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        string[] required = ["notify_id", "order_no", "trade_no", "amount", "status", "timestamp", SignField];
        if (required.FirstOrDefault(f => !fields.TryGetValue(f, out var v) || string.IsNullOrWhiteSpace(v)) is { } missing)
        {
            return NotificationCheck.Refused($"{missing} is missing");
        }

        if (!FixedTimeEquals(fields[SignField], await SignAsync(fields, cancellationToken)))
        {
            return NotificationCheck.Refused("the signature does not match");
        }

        if (!long.TryParse(fields["timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - timestamp) > options.Value.Sandbox.NotifyWindowSeconds)
        {
            return NotificationCheck.Refused("the timestamp is outside the allowed window");
        }

        if (!decimal.TryParse(fields["amount"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return NotificationCheck.Refused("the amount is not a number");
        }

        return new NotificationCheck(new VerifiedNotification(fields["notify_id"], fields["order_no"], fields["trade_no"], amount, fields["status"] == "SUCCESS"), null);
    }

    /// <summary>The notification a provider sends once the customer paid (or failed to): fresh id, timestamp, signature.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NotificationAsync(string orderNumber, string amount, bool paid, CancellationToken cancellationToken)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["notify_id"] = Guid.NewGuid().ToString("N"),
            ["order_no"] = orderNumber,
            ["trade_no"] = "SBX" + clock.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture),
            ["amount"] = amount,
            ["status"] = paid ? "SUCCESS" : "FAILED",
            ["timestamp"] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        return await WithSignatureAsync(fields, cancellationToken);
    }

    /// <summary>Signs the fields as the provider does (tests use it to make notifications of their own).</summary>
    public async Task<IReadOnlyDictionary<string, string>> WithSignatureAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var signed = new SortedDictionary<string, string>(fields.Where(f => f.Key != SignField).ToDictionary(), StringComparer.Ordinal);
        signed[SignField] = await SignAsync(signed, cancellationToken);
        return signed;
    }

    public static string FormatAmount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>HMAC-SHA256 over "key=value" pairs of every field but the signature, sorted by key (ordinal), joined by '&amp;'.</summary>
    public static string Canonical(IReadOnlyDictionary<string, string> fields) =>
        string.Join("&", fields.Where(f => f.Key != SignField).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));

    private async Task<string> SignAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await secret.GetAsync(cancellationToken), Encoding.UTF8.GetBytes(Canonical(fields))));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a.ToLowerInvariant()), Encoding.UTF8.GetBytes(b));
}

/// <summary>
/// The sandbox's signing key: Payments:Sandbox:Secret when set; otherwise one of the platform's stored keys, so every
/// node signs and checks with the same key and no key is ever written in the code.
/// </summary>
public sealed class SandboxSecret(IOptions<PaymentsOptions> options, StoredKeys keys)
{
    private const string Name = "SandboxSecret";

    public async Task<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Sandbox.Secret;
        return string.IsNullOrEmpty(configured) ? await keys.GetAsync(Name, cancellationToken) : Encoding.UTF8.GetBytes(configured);
    }
}
