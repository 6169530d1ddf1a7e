using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>
/// Receipts and replies an HTTP provider sends to /channels/{name}/receipt and /reply, read by the channel's field
/// settings (the Vendor preset: the vendor's own push forms) and handed to <see cref="IUpstreamEvents"/>. Every callback
/// must prove where it comes from: with a CallbackSecret, <c>token=&lt;secret&gt;</c> in the query or the
/// <c>X-SmsPortal-Signature: sha256=&lt;HMAC-SHA256 of the body&gt;</c> header SmsPortal's own pushes carry (another
/// SmsPortal signs with the account's push secret, which its console reveals); with CallbackAllowedAddresses, a caller
/// in that list; with both, both. A channel with neither takes nothing (its settings are refused anyway). Unknown
/// channel 404, unproven 403 (and nothing changes), malformed 400, and if storing fails 503 so the provider pushes
/// again — never a 500.
/// </summary>
internal sealed partial class HttpChannelCallbackHandler(IConfiguration configuration, TimeProvider clock, ILogger<HttpChannelCallbackHandler> logger)
{
    public const string SignatureHeader = "X-SmsPortal-Signature";

    // Several instances of one name may live at once (a registry makes one to check settings, then disposes it):
    // the newest still alive answers.
    private readonly List<HttpChannel> _channels = [];
    private readonly Lock _lock = new();

    public void Register(HttpChannel channel)
    {
        lock (_lock)
        {
            _channels.Add(channel);
        }
    }

    public void Unregister(HttpChannel channel)
    {
        lock (_lock)
        {
            _channels.Remove(channel);
        }
    }

    /// <summary>
    /// A live channel's settings, else the configuration's <c>Channels:&lt;name&gt;</c> when it is a valid Http channel
    /// (a web-only node serves the callbacks of channels its workers run).
    /// </summary>
    public HttpCallbackSettings? Find(string channel)
    {
        lock (_lock)
        {
            if (_channels.FindLast(c => string.Equals(c.Name, channel, StringComparison.OrdinalIgnoreCase)) is { } live)
            {
                return live.Settings.Callbacks;
            }
        }

        var section = configuration.GetSection("Channels").GetSection(channel);
        if (!string.Equals(section["Type"], HttpChannelFactory.TypeName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return HttpChannelSettings.Read(channel, section).Callbacks;
        }
        catch (ChannelSettingsException)
        {
            return null;
        }
    }

    public async Task<HttpCallbackResult> HandleAsync(string channel, HttpCallbackKind kind, HttpCallback callback, IUpstreamEvents events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(events);
        if (Find(channel) is not { } settings)
        {
            return new(404, "unknown channel");
        }

        if (!Admits(settings, callback))
        {
            LogForged(logger, channel, kind);
            return new(403, "forbidden");
        }

        var raw = string.Join('&', callback.Fields.Where(f => f.Key != "token").Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        string? Field(string? name) => name is not null && callback.Fields.TryGetValue(name, out var value) ? value : null;
        try
        {
            if (kind == HttpCallbackKind.Receipt)
            {
                var id = Field(settings.ReceiptIdField);
                var status = Field(settings.ReceiptStatusField);
                if (settings.ReceiptIdField is null || string.IsNullOrWhiteSpace(id) || status is null)
                {
                    return Malformed(channel, kind, settings.ReceiptIdField is null ? "this channel takes no receipts" : $"{settings.ReceiptIdField} and {settings.ReceiptStatusField} are required");
                }

                var delivered = settings.DeliveredValues.Contains(status.Trim());
                if (!delivered && settings.UndeliveredValues.Count > 0 && !settings.UndeliveredValues.Contains(status.Trim()))
                {
                    return new(200, settings.Answer); // an intermediate state: only final ones are receipts
                }

                await events.ReceiptAsync(channel, id.Trim(), delivered, raw, cancellationToken);
            }
            else
            {
                var from = Field(settings.ReplyFromField);
                var text = Field(settings.ReplyTextField);
                if (settings.ReplyFromField is null || string.IsNullOrWhiteSpace(from) || text is null)
                {
                    return Malformed(channel, kind, settings.ReplyFromField is null ? "this channel takes no replies" : $"{settings.ReplyFromField} and {settings.ReplyTextField} are required");
                }

                await events.ReplyAsync(channel, new InboundReply(from.Trim(), Field(settings.ReplyToField) ?? "", text, ReplyTime(Field(settings.ReplyTimeField)), raw, Field(settings.ReplyMessageIdField)), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            LogStoreFailed(logger, channel, kind, exception);
            return new(503, "try again");
        }

        return new(200, settings.Answer);
    }

    private HttpCallbackResult Malformed(string channel, HttpCallbackKind kind, string why)
    {
        LogMalformed(logger, channel, kind, why);
        return new(400, why);
    }

    private static bool Admits(HttpCallbackSettings settings, HttpCallback callback)
    {
        var hasSecret = settings.Secret is { Length: > 0 };
        var hasAddresses = settings.AllowedAddresses.Count > 0;
        return (hasSecret || hasAddresses)
            && (!hasSecret || Proves(settings.Secret!, callback))
            && (!hasAddresses || (callback.Caller is { } caller && AddressRanges.Contains(settings.AllowedAddresses, caller)));
    }

    private static bool Proves(string secret, HttpCallback callback)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        if (callback.Token is { } token && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(key)))
        {
            return true;
        }

        if (callback.Signature is { } signature && signature.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(key, callback.Body)));
            return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature[7..].Trim().ToLowerInvariant()));
        }

        return false;
    }

    /// <summary>The vendor writes local Beijing time without an offset ("2017-08-02 14:31:51"); anything unreadable is now.</summary>
    private DateTimeOffset ReplyTime(string? text)
    {
        if (text is not null && DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, TimeSpan.FromHours(8));
        }

        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        return clock.GetUtcNow();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP channel {Channel}: {Kind} callback refused, it did not carry the channel's secret or came from an address the channel does not allow")]
    private static partial void LogForged(ILogger logger, string channel, HttpCallbackKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP channel {Channel}: malformed {Kind} callback ({Why})")]
    private static partial void LogMalformed(ILogger logger, string channel, HttpCallbackKind kind, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP channel {Channel}: {Kind} callback could not be stored")]
    private static partial void LogStoreFailed(ILogger logger, string channel, HttpCallbackKind kind, Exception exception);
}
