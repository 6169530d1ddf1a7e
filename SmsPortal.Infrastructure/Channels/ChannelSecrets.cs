using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>
/// The secrets inside an admin-saved channel's settings (passwords, keys, tokens, PINs, callback secrets) are stored
/// encrypted with a data protector, as API keys are: <see cref="Protect"/> before a save writes the row,
/// <see cref="Reveal"/> only when the channel is built. The same rule of what is a secret masks them on the pages.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider protection)
{
    /// <summary>What the pages show in place of a secret; saved back unchanged, it keeps the stored value.</summary>
    public const string Mask = "••••••";

    private const string Marker = "protected:";

    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "apikey", "api_key", "pin", "authorization"];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IDataProtector _protector = protection.CreateProtector("SmsPortal.ChannelSecrets.v1");

    /// <summary>A setting whose value is a secret (by its name: password, secret, token, PIN, ...key, ...).</summary>
    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lower = key.ToLowerInvariant();
        return SecretWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) || lower.EndsWith("key", StringComparison.Ordinal);
    }

    /// <summary>The settings with every secret's value replaced by <see cref="Mask"/>; "…" when they are not a JSON object.</summary>
    public static string Masked(string settingsJson) =>
        Rewrite(settingsJson, (key, value) => IsSecret(key) ? Mask : null) ?? "…";

    /// <summary>The settings as stored: every secret's text encrypted (already encrypted ones left as they are).</summary>
    public string Protect(string plainJson) =>
        Rewrite(plainJson, (key, value) => IsSecret(key) && !value.StartsWith(Marker, StringComparison.Ordinal) ? Marker + _protector.Protect(value) : null)
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
            return Rewrite(storedJson, (key, value) => value.StartsWith(Marker, StringComparison.Ordinal) ? _protector.Unprotect(value[Marker.Length..]) : null) ?? storedJson;
        }
        catch (CryptographicException)
        {
            throw new ChannelSettingsException(channel, ["a saved secret cannot be decrypted (were the data-protection keys or their certificate replaced?); save the channel again with its secrets"]);
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

        return Rewrite(editedJson, (path, value) => value == Mask && Find(stored, path) is { } kept ? kept : null, withPath: true) ?? editedJson;
    }

    private static string? Find(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('\u001f'))
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

    /// <summary>Rewrites string values of object properties: <paramref name="change"/> gets the key (or the path) and the text, returns the new text or null to keep it.</summary>
    private static string? Rewrite(string json, Func<string, string, string?> change, bool withPath = false)
    {
        if (Parse(json) is not { } root)
        {
            return null;
        }

        Walk(root, "", change, withPath);
        return root.ToJsonString(Compact);
    }

    private static void Walk(JsonNode? node, string path, Func<string, string, string?> change, bool withPath)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var here = path.Length == 0 ? key : path + '\u001f' + key;
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        if (change(withPath ? here : key, text) is { } replaced)
                        {
                            obj[key] = replaced;
                        }
                    }
                    else if (value is JsonValue && IsSecret(key) && !withPath)
                    {
                        // A number or true/false under a secret's name (a numeric PIN) is a secret too.
                        if (change(key, value.ToJsonString()) is { } replaced)
                        {
                            obj[key] = replaced;
                        }
                    }
                    else
                    {
                        Walk(value, here, change, withPath);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, path, change, withPath);
                }

                break;
        }
    }
}
