using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>
/// The secrets inside an admin-saved channel's settings (passwords, keys, PINs, callback secrets) are stored
/// encrypted with a data protector, as API keys are: <see cref="Protect"/> before a save writes the row,
/// <see cref="Reveal"/> only when the channel is built. What is a secret is what the channel type declares secret
/// (<see cref="ChannelSettingSet.IsSecret"/>); a setting the type does not declare counts as one. The same rule masks
/// them on the pages.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider protection)
{
    /// <summary>What the pages show in place of a secret; saved back unchanged, it keeps the stored value.</summary>
    public const string Mask = "••••••";

    private const string Marker = "protected:";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IDataProtector _protector = protection.CreateProtector("SmsPortal.ChannelSecrets.v1");

    /// <summary>The settings with every secret's value replaced by <see cref="Mask"/>; "…" when they are not a JSON object.</summary>
    /// <param name="declaration">The settings the channel's type declares; null (a type this node does not know): every value is masked.</param>
    /// <param name="settingsJson">The settings as saved.</param>
    public static string Masked(ChannelSettingSet? declaration, string settingsJson) =>
        Rewrite(settingsJson, (path, value) => IsSecret(declaration, path) ? Mask : null) ?? "…";

    private static bool IsSecret(ChannelSettingSet? declaration, string path) => declaration?.IsSecret(path) ?? true;

    /// <summary>The settings as stored: every secret's text encrypted (already encrypted ones left as they are).</summary>
    public string Protect(ChannelSettingSet? declaration, string plainJson) =>
        Rewrite(plainJson, (path, value) => IsSecret(declaration, path) && !value.StartsWith(Marker, StringComparison.Ordinal) ? Marker + _protector.Protect(value) : null)
        ?? throw new ChannelSettingsException("channel", ["the settings are not a JSON object"]);

    /// <summary>The settings the channel is built from: every encrypted value decrypted.</summary>
    /// <exception cref="ChannelSettingsException">A value that cannot be decrypted (the data-protection keys changed).</exception>
    public string Reveal(string channel, string storedJson)
    {
        if (!storedJson.Contains(Marker, StringComparison.Ordinal))
        {
            return storedJson;
        }

        try
        {
            return Rewrite(storedJson, (_, value) => value.StartsWith(Marker, StringComparison.Ordinal) ? _protector.Unprotect(value[Marker.Length..]) : null) ?? storedJson;
        }
        catch (CryptographicException)
        {
            throw new ChannelSettingsException(channel, [$"{ChannelRegistry.Section}:{channel}: a saved secret cannot be decrypted (were the data-protection keys or their certificate replaced?); save the channel again with its secrets"]);
        }
    }

    /// <summary>
    /// The settings an admin sends back from the form, with every value still <see cref="Mask"/> replaced by the value
    /// stored at the same place (so an edit need not retype the password).
    /// </summary>
    public string KeepMasked(string editedJson, string? storedJson)
    {
        if (storedJson is null || !editedJson.Contains(Mask, StringComparison.Ordinal) || Parse(storedJson) is not { } stored)
        {
            return editedJson;
        }

        return Rewrite(editedJson, (path, value) => value == Mask && Find(stored, path) is { } kept ? kept : null) ?? editedJson;
    }

    private static string? Find(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split(':'))
        {
            current = current is JsonObject obj && obj.TryGetPropertyValue(part, out var next) ? next : null;
        }

        return current is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    private static JsonObject? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Rewrites the values of object properties: <paramref name="change"/> gets the path ("Headers:Authorization", as
    /// configuration names it) and the text, returns the new text or null to keep it. A number or true/false is handed
    /// over as its JSON text (a numeric PIN is a secret too).
    /// </summary>
    private static string? Rewrite(string json, Func<string, string, string?> change)
    {
        if (Parse(json) is not { } root)
        {
            return null;
        }

        Walk(root, "", change);
        return root.ToJsonString(Compact);
    }

    private static void Walk(JsonNode? node, string path, Func<string, string, string?> change)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var here = path.Length == 0 ? key : path + ':' + key;
                    if (value is JsonValue leaf)
                    {
                        var text = leaf.TryGetValue<string>(out var s) ? s : leaf.ToJsonString();
                        if (change(here, text) is { } replaced)
                        {
                            obj[key] = replaced;
                        }
                    }
                    else
                    {
                        Walk(value, here, change);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, path, change);
                }

                break;
        }
    }
}
