using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Channels;
using Route = SmsPortal.Domain.Channels.Route;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Http;
using SmsPortal.Infrastructure.Channels.Settings;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Web.Features.Channels;

/// <summary>
/// What admins change on the channels and routes pages. Every input is checked before anything is written (a refused
/// save changes nothing); after a save the registry is refreshed at once so this node uses the change now (the others
/// pick it up on their next refresh). Changes are logged with who made them; there is no audit table for channels.
/// </summary>
public sealed partial class ChannelAdministration(
    ChannelRegistry registry,
    ChannelSecrets secrets,
    IDbContextFactory<SmsPortalDbContext> contexts,
    IOptions<DispatchOptions> dispatch,
    TimeProvider clock,
    ILogger<ChannelAdministration> logger)
{
    public const int MaxPriority = 1_000_000;
    public const int MaxWeight = 1000;
    public const decimal MaxCostPerPart = 1000m;
    public const int MaxSettingsLength = 8000;

    public ChannelRegistry Registry => registry;

    /// <summary>The channel a message takes when no rule matches it (Dispatch:DefaultChannel).</summary>
    public string DefaultChannel => dispatch.Value.DefaultChannel;

    public async Task<SaveResult> SaveChannelAsync(int? id, ChannelInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FormProblem>();
        string? callbackSecret = null;
        var name = input.Name?.Trim() ?? "";
        var type = input.Type?.Trim() ?? "";
        var settings = string.IsNullOrWhiteSpace(input.SettingsJson) ? "{}" : input.SettingsJson.Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = id is { } key ? await db.ChannelDefinitions.SingleOrDefaultAsync(d => d.Id == key, cancellationToken) : null;
        if (id is not null && existing is null)
        {
            return SaveResult.Refused([new FormProblem("Name", "Problem.ChannelGone")]);
        }

        if (!ChannelDefinition.IsValidName(name))
        {
            problems.Add(new FormProblem("Name", "Problem.NameInvalid"));
        }
        else if (registry.Entries.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && (e.DefinitionId is null || e.DefinitionId != existing?.Id))
                 || (await db.ChannelDefinitions.Where(d => d.Id != (existing == null ? 0 : existing.Id)).Select(d => d.Name).ToListAsync(cancellationToken))
                     .Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(new FormProblem("Name", "Problem.NameTaken"));
        }

        var knownType = registry.Types.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));
        if (knownType is null)
        {
            problems.Add(new FormProblem("Type", "Problem.TypeUnknown", string.Join(", ", registry.Types.Order(StringComparer.Ordinal))));
        }

        if (settings.Length > MaxSettingsLength)
        {
            problems.Add(new FormProblem("Settings", "Problem.SettingsTooLong", MaxSettingsLength.ToString(CultureInfo.InvariantCulture)));
        }
        else if (!IsJsonObject(settings, out var why))
        {
            problems.Add(new FormProblem("Settings", "Problem.SettingsNotJson", why));
        }
        else if (knownType is not null)
        {
            try
            {
                // Secrets the form showed masked keep their stored value; the channel is checked with them in clear.
                settings = secrets.Reveal(name, secrets.KeepMasked(settings, existing?.SettingsJson));
                if (string.Equals(knownType, HttpChannelFactory.TypeName, StringComparison.Ordinal) && HttpChannelSettings.NeedsCallbackSecret(ChannelRegistry.SettingsOf(name, settings)))
                {
                    // Receipts and replies must prove they come from the provider: a channel that takes them gets a secret.
                    callbackSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
                    var root = (JsonObject)JsonNode.Parse(settings)!;
                    root[HttpCallbackSettings.SecretSetting] = callbackSecret;
                    settings = root.ToJsonString();
                }

                await registry.ValidateAsync(ChannelDefinition.IsValidName(name) ? name : "channel", knownType, settings);
            }
            catch (ChannelSettingsException exception)
            {
                problems.AddRange(exception.Problems.Select(p => new FormProblem("Settings", "Problem.Setting", p)));
            }
        }

        if (problems.Count > 0)
        {
            return SaveResult.Refused(problems);
        }

        var stored = secrets.Protect(registry.Declaration(knownType!), settings);
        var definition = existing ?? new ChannelDefinition { Name = name, Type = knownType!, SettingsJson = stored };
        var oldName = existing?.Name;
        definition.Name = name;
        definition.Type = knownType!;
        definition.SettingsJson = stored;
        definition.Enabled = input.Enabled;
        definition.UpdatedAt = clock.GetUtcNow();
        if (existing is null)
        {
            db.ChannelDefinitions.Add(definition);
        }
        else if (!string.Equals(oldName, name, StringComparison.Ordinal))
        {
            // A renamed channel keeps its routes: they name it, so they follow it in the same transaction.
            await db.Routes.Where(r => r.Channel == oldName).ExecuteUpdateAsync(s => s.SetProperty(r => r.Channel, name), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogChannelSaved(logger, actor, existing is null ? "added" : "changed", name, knownType!, input.Enabled);
        await registry.RefreshAsync(cancellationToken);
        return new SaveResult(definition.Id, [], callbackSecret);
    }

    public async Task<SaveResult> SetChannelEnabledAsync(int id, bool enabled, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.ChannelDefinitions.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (definition is null)
        {
            return SaveResult.Refused([new FormProblem("Name", "Problem.ChannelGone")]);
        }

        definition.Enabled = enabled;
        definition.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogChannelSaved(logger, actor, enabled ? "enabled" : "disabled", definition.Name, definition.Type, enabled);
        await registry.RefreshAsync(cancellationToken);
        return new SaveResult(id, []);
    }

    /// <summary>Deletes a saved channel; refused while a route names it or while it is the default channel.</summary>
    public async Task<SaveResult> DeleteChannelAsync(int id, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.ChannelDefinitions.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (definition is null)
        {
            return SaveResult.Refused([new FormProblem("Name", "Problem.ChannelGone")]);
        }

        var routes = await db.Routes.Where(r => r.Channel == definition.Name).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        if (routes.Count > 0)
        {
            return SaveResult.Refused([new FormProblem("Name", "Problem.ChannelInUse", string.Join(", ", routes.Select(r => "#" + r.ToString(CultureInfo.InvariantCulture))))]);
        }

        if (string.Equals(definition.Name, dispatch.Value.DefaultChannel, StringComparison.OrdinalIgnoreCase))
        {
            return SaveResult.Refused([new FormProblem("Name", "Problem.ChannelIsDefault")]);
        }

        db.ChannelDefinitions.Remove(definition);
        await db.SaveChangesAsync(cancellationToken);
        LogChannelDeleted(logger, actor, definition.Name);
        await registry.RefreshAsync(cancellationToken);
        return new SaveResult(id, []);
    }

    /// <summary>
    /// Sends one message through a live channel outside the pipeline: no message row, no credits, and whatever receipt
    /// comes back matches nothing.
    /// </summary>
    public async Task<(ChannelAnswer? Answer, FormProblem? Problem)> TestSendAsync(string channelName, string? number, string? text, string actor, CancellationToken cancellationToken)
    {
        var mobile = MobileNumber.Parse(number);
        if (!mobile.IsAccepted)
        {
            return (null, new FormProblem("Number", "Problem.NumberInvalid"));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new FormProblem("Text", "Problem.TextMissing"));
        }

        if (registry.Find(channelName) is not { } channel)
        {
            return (null, new FormProblem("Channel", "Problem.ChannelNotLive"));
        }

        LogTestSend(logger, actor, channelName);
        try
        {
            var parts = SegmentCounter.Count(text).Parts;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            return (await channel.SubmitAsync(new OutboundMessage(0, "test", mobile.Value.Value, text, parts), timeout.Token), null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A channel should answer rather than throw; if it throws, the admin sees what it said.
            return (new ChannelAnswer(ChannelOutcome.Unknown, null, exception.GetType().Name + ": " + exception.Message), null);
        }
    }

    public async Task<IReadOnlyList<RouteRow>> RoutesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var saved = await db.Routes.AsNoTracking().ToListAsync(cancellationToken);
        var routes = saved.Concat(registry.Routes.Where(r => r.Id < 0)).OrderBy(r => r.Priority).ThenBy(r => r.Id).ToList();
        var ids = routes.Select(r => r.AccountId).OfType<int>().Distinct().ToArray();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.ApiId }).ToDictionaryAsync(a => a.Id, cancellationToken);
        return routes.Select(r => r.AccountId is int a && accounts.TryGetValue(a, out var account)
            ? new RouteRow(r, account.Name, account.ApiId)
            : new RouteRow(r, null, null)).ToList();
    }

    /// <summary>Accounts whose API ID or name contains the text (at most 20), for the route form's account picker.</summary>
    public async Task<IReadOnlyList<AccountChoice>> FindAccountsAsync(string? text, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Accounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var term = text.Trim();
            query = query.Where(a => a.ApiId.Contains(term) || a.Name.Contains(term));
        }

        return await query.OrderBy(a => a.ApiId).Take(20).Select(a => new AccountChoice(a.Id, a.Name, a.ApiId)).ToListAsync(cancellationToken);
    }

    public async Task<AccountChoice?> AccountAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => new AccountChoice(a.Id, a.Name, a.ApiId)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<SaveResult> SaveRouteAsync(int? id, RouteInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FormProblem>();
        var channel = input.Channel?.Trim() ?? "";
        var known = registry.Entries.FirstOrDefault(e => string.Equals(e.Name, channel, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            problems.Add(new FormProblem("Channel", string.IsNullOrEmpty(channel) ? "Problem.ChannelMissing" : "Problem.ChannelUnknown"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (input.AccountId is { } accountId && !await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            problems.Add(new FormProblem("Account", "Problem.AccountUnknown"));
        }

        var prefix = NormalisePrefix(input.Prefix);
        if (prefix is { Valid: false })
        {
            problems.Add(new FormProblem("Prefix", "Problem.PrefixInvalid"));
        }

        if (input.Carrier is { } carrier && (carrier == Carrier.Unknown || !Enum.IsDefined(carrier)))
        {
            problems.Add(new FormProblem("Carrier", "Problem.CarrierUnknown"));
        }

        if (input.Priority is < 0 or > MaxPriority)
        {
            problems.Add(new FormProblem("Priority", "Problem.PriorityRange", MaxPriority.ToString(CultureInfo.InvariantCulture)));
        }

        if (input.Weight is < 1 or > MaxWeight)
        {
            problems.Add(new FormProblem("Weight", "Problem.WeightRange", MaxWeight.ToString(CultureInfo.InvariantCulture)));
        }

        if (input.CostPerPart < 0 || input.CostPerPart > MaxCostPerPart || decimal.Round(input.CostPerPart, 4) != input.CostPerPart)
        {
            problems.Add(new FormProblem("Cost", "Problem.CostRange", MaxCostPerPart.ToString(CultureInfo.InvariantCulture)));
        }

        var route = id is { } key ? await db.Routes.SingleOrDefaultAsync(r => r.Id == key, cancellationToken) : null;
        if (id is not null && route is null)
        {
            problems.Add(new FormProblem("Channel", "Problem.RouteGone"));
        }

        if (problems.Count > 0)
        {
            return SaveResult.Refused(problems);
        }

        route ??= db.Routes.Add(new Route { Channel = known!.Name }).Entity;
        route.Channel = known!.Name;
        route.AccountId = input.AccountId;
        route.Prefix = prefix?.Value;
        route.Carrier = input.Carrier;
        route.Priority = input.Priority;
        route.Weight = input.Weight;
        route.CostPerPart = input.CostPerPart;
        route.Enabled = input.Enabled;
        await db.SaveChangesAsync(cancellationToken);
        LogRouteSaved(logger, actor, id is null ? "added" : "changed", route.Id, route.Channel);
        await registry.RefreshAsync(cancellationToken);
        return new SaveResult(route.Id, []);
    }

    public async Task DeleteRouteAsync(int id, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Routes.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0)
        {
            LogRouteDeleted(logger, actor, id);
        }

        await registry.RefreshAsync(cancellationToken);
    }

    /// <summary>The rules that would take this number for this account, as the router orders them (weights shown as shares).</summary>
    public RouteTrial Try(int? accountId, string? number)
    {
        var parsed = MobileNumber.Parse(number);
        if (!parsed.IsAccepted)
        {
            return new RouteTrial(null, Carrier.Unknown, [], null);
        }

        var mobile = parsed.Value;
        // Accounts start at 1: "no account" matches only the rules for every account.
        var candidates = RouteTable.Candidates(registry.Routes, accountId ?? 0, mobile.Value, mobile.Carrier, () => 0);
        var tries = candidates.Select(r =>
        {
            var group = candidates.Where(c => c.Priority == r.Priority).Sum(c => Math.Max(1, c.Weight));
            return new RouteTry(r, Math.Max(1, r.Weight) / (double)group, registry.Find(r.Channel)?.Status.Up ?? false);
        }).ToList();
        return new RouteTrial(mobile.Value, mobile.Carrier, tries, DefaultChannel);
    }

    /// <summary>The stored form of a typed prefix (<see cref="RoutePrefix.Normalise"/>); null when empty.</summary>
    public static (string Value, bool Valid)? NormalisePrefix(string? text) => RoutePrefix.Normalise(text);

    /// <summary>The settings with every secret their type declares (and every setting it does not declare) replaced, for the list and the form.</summary>
    public static string MaskSecrets(ChannelSettingSet? declaration, string settingsJson) => ChannelSecrets.Masked(declaration, settingsJson);

    private static bool IsJsonObject(string text, out string? why)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            why = document.RootElement.ValueKind == JsonValueKind.Object ? null : document.RootElement.ValueKind.ToString();
            return why is null;
        }
        catch (JsonException exception)
        {
            why = exception.Message;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} {Action} channel {Channel} (type {Type}, enabled {Enabled})")]
    private static partial void LogChannelSaved(ILogger logger, string actor, string action, string channel, string type, bool enabled);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted channel {Channel}")]
    private static partial void LogChannelDeleted(ILogger logger, string actor, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} sent a test message through channel {Channel}")]
    private static partial void LogTestSend(ILogger logger, string actor, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} {Action} route {RouteId} to channel {Channel}")]
    private static partial void LogRouteSaved(ILogger logger, string actor, string action, int routeId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted route {RouteId}")]
    private static partial void LogRouteDeleted(ILogger logger, string actor, int routeId);
}
