using SmsPortal.Infrastructure.Channels.Settings;
using SmsPortal.Infrastructure.Networking;
using H = SmsPortal.Infrastructure.Channels.Settings.HttpChannelDeclaration;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>
/// How the provider reports back to SmsPortal's /channels/{name}/receipt and /reply, and how a callback proves it comes
/// from the provider: the CallbackSecret (as <c>?token=</c> or an HMAC signature), the caller's address in
/// CallbackAllowedAddresses, or both (then both must hold). A channel that takes callbacks must have one of them.
/// </summary>
internal sealed record HttpCallbackSettings(
    string? Secret,
    IReadOnlyList<System.Net.IPNetwork> AllowedAddresses,
    string? ReceiptIdField,
    string? ReceiptStatusField,
    IReadOnlySet<string> DeliveredValues,
    IReadOnlySet<string> UndeliveredValues,
    string? ReplyFromField,
    string? ReplyToField,
    string? ReplyTextField,
    string? ReplyTimeField,
    string? ReplyMessageIdField,
    string Answer)
{
    public static readonly string SecretSetting = H.CallbackSecret.Name;
    public static readonly string AllowedAddressesSetting = H.CallbackAllowedAddresses.Name;

    public static bool TakesCallbacks(ChannelSettingsReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read.Raw(H.ReceiptIdField.Name) is not null || read.Raw(H.ReplyFromField.Name) is not null;
    }

    public static HttpCallbackSettings Read(ChannelSettingsReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var receiptId = read.Raw(H.ReceiptIdField.Name);
        var receiptStatus = read.Raw(H.ReceiptStatusField.Name);
        var delivered = Values(read, H.DeliveredValue);
        if ((receiptId is null) != (receiptStatus is null) || (receiptStatus is not null && delivered.Count == 0))
        {
            read.Problem("ReceiptIdField, ReceiptStatusField, DeliveredValue", "receipts need all three (or none)");
        }

        var from = read.Raw(H.ReplyFromField.Name);
        var text = read.Raw(H.ReplyTextField.Name);
        if ((from is null) != (text is null))
        {
            read.Problem("ReplyFromField, ReplyTextField", "replies need both (or neither)");
        }

        var addresses = new List<System.Net.IPNetwork>();
        foreach (var entry in AddressRanges.Split(read.Raw(AllowedAddressesSetting)))
        {
            if (AddressRanges.TryParse(entry, out var range))
            {
                addresses.Add(range);
            }
            else
            {
                read.Problem(AllowedAddressesSetting, $"'{entry}' is not an address or CIDR range (e.g. 203.0.113.7, 203.0.113.0/24)");
            }
        }

        var secret = read.Raw(SecretSetting);
        if (TakesCallbacks(read) && secret is null && read.Raw(AllowedAddressesSetting) is null)
        {
            read.Problem($"{SecretSetting} or {AllowedAddressesSetting}", "a channel that takes receipts or replies needs a secret the provider sends (?token= or a signature) or the provider's addresses; without either anyone could post receipts and replies to it");
        }

        return new HttpCallbackSettings(
            secret, addresses, receiptId, receiptStatus, delivered, Values(read, H.UndeliveredValue),
            from, read.Raw(H.ReplyToField.Name), text, read.Raw(H.ReplyTimeField.Name), read.Raw(H.ReplyMessageIdField.Name), read.Text(H.CallbackAnswer));
    }

    private static HashSet<string> Values(ChannelSettingsReader read, ChannelSetting setting) =>
        read.List(setting).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
