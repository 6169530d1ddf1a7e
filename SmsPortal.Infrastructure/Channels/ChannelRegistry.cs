using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Channels;
using SmsPortal.Infrastructure.Channels.Settings;
using SmsPortal.Infrastructure.Channels.Simulator;
using SmsPortal.Infrastructure.Jobs;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>
/// The live channels of this node and the routing rules, built from configuration and from what admins saved.
/// Worker nodes start the channels (bind, connect, open ports); every node refreshes from the database every
/// few seconds, so a change saved on one node reaches the others.
/// </summary>
public sealed partial class ChannelRegistry(
    IEnumerable<IChannelFactory> factories,
    ChannelSecrets secrets,
    IConfiguration configuration,
    IDbContextFactory<SmsPortalDbContext> contexts,
    IOptions<NodeOptions> node,
    IHostEnvironment environment,
    ILogger<ChannelRegistry> logger) : IAsyncDisposable
{
    /// <summary>The configuration section whose children declare channels.</summary>
    public const string Section = "Channels";

    private readonly Dictionary<string, IChannelFactory> _factories = factories.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyDictionary<string, ChannelEntry> _entries = new Dictionary<string, ChannelEntry>(StringComparer.OrdinalIgnoreCase);
    private volatile IReadOnlyList<Route> _routes = [];
    private List<Route> _declaredRoutes = [];

    /// <summary>Completes once configuration and the database have been read.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>The channel types this node can make.</summary>
    public IReadOnlyCollection<string> Types => _factories.Keys;

    public IReadOnlyList<ChannelEntry> Entries => _entries.Values.OrderBy(e => e.Source).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public IEnumerable<ISmsChannel> Channels => _entries.Values.Where(e => e.Channel is not null).Select(e => e.Channel!);

    public IReadOnlyList<Route> Routes => _routes;

    private bool Starts => node.Value.RunsWorker;

    /// <summary>The settings a channel type declares (null for a type this node cannot make).</summary>
    public ChannelSettingSet? Declaration(string type) => _factories.TryGetValue(type, out var factory) ? factory.Settings : null;

    /// <summary>The live channel of that name, or null.</summary>
    public ISmsChannel? Find(string name) => _entries.TryGetValue(name, out var entry) ? entry.Channel : null;

    public bool Exists(string name) => _entries.ContainsKey(name);

    /// <summary>Checks settings as the type reads them, without keeping or starting anything.</summary>
    /// <exception cref="ChannelSettingsException">Every problem, each naming its setting.</exception>
    public async Task ValidateAsync(string name, string type, string settingsJson)
    {
        var channel = Create(name, type, settingsJson);
        await channel.DisposeAsync();
    }

    /// <summary>Reads the declared channels (configuration errors stop the start) and the saved ones, and starts them on worker nodes.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, ChannelEntry>(StringComparer.OrdinalIgnoreCase);
        var declaredRoutes = new List<Route>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var type = section["Type"];
            if (Voice.VoiceChannels.IsVoiceType(type))
            {
                // A voice provider speaks codes for Verify (Channels/Voice), it does not carry SMS.
                continue;
            }

            var builtIn = type is null && string.Equals(section.Key, SimulatorChannel.ChannelName, StringComparison.OrdinalIgnoreCase);
            if (type is null && !builtIn)
            {
                throw new ChannelSettingsException(section.Key, [$"{Section}:{section.Key}:Type: is required; it must be one of {string.Join(", ", _factories.Keys)}"]);
            }

            if (!builtIn && !ChannelDefinition.IsValidName(section.Key))
            {
                throw new ChannelSettingsException(section.Key, [$"{Section}:{section.Key}: '{section.Key}' is not a channel name: letters, digits, '-' and '_', at most {ChannelDefinition.NameMaxLength}"]);
            }

            var name = builtIn ? SimulatorChannel.ChannelName : section.Key;
            var read = new ChannelSettingsReader(ChannelSettingsReader.ChannelPrefix(name), section);
            var enabled = read.Raw(DeclaredRouteDeclaration.Enabled.Name) is null ? !builtIn || environment.IsDevelopment() : read.Flag(DeclaredRouteDeclaration.Enabled);
            declaredRoutes.AddRange(DeclaredRoutes(name, read, -1 - declaredRoutes.Count));
            var channel = enabled ? CreateFromSection(name, builtIn ? "Simulator" : type!, section) : null;
            entries[name] = new ChannelEntry(name, builtIn ? "Simulator" : type!, builtIn ? ChannelSource.BuiltIn : ChannelSource.Configuration, enabled, "{}", channel, null, null);
        }

        if (!entries.ContainsKey(SimulatorChannel.ChannelName))
        {
            // Outside Development the simulator is listed but off: a production install must not "deliver" what never left the machine.
            var simulatorOn = environment.IsDevelopment();
            entries[SimulatorChannel.ChannelName] = new ChannelEntry(SimulatorChannel.ChannelName, "Simulator", ChannelSource.BuiltIn, simulatorOn, "{}",
                simulatorOn ? CreateFromSection(SimulatorChannel.ChannelName, "Simulator", new ConfigurationBuilder().Build()) : null, null, null);
        }

        foreach (var entry in entries.Values.Where(e => e.Channel is not null))
        {
            await StartAsync(entry.Channel!, cancellationToken);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _entries = entries;
            _declaredRoutes = declaredRoutes;
            await ApplyStoredAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        _loaded.TrySetResult();
    }

    /// <summary>Brings saved channels and routes up to date with the database (after a save here, or periodically for saves on other nodes).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ApplyStoredAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ChannelDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        var routes = (await db.Routes.AsNoTracking().ToListAsync(cancellationToken)).Concat(_declaredRoutes).OrderBy(r => r.Priority).ThenBy(r => r.Id).ToList();
        var entries = new Dictionary<string, ChannelEntry>(_entries, StringComparer.OrdinalIgnoreCase);

        // Saved channels that were deleted, or changed since they were made.
        foreach (var old in entries.Values.Where(e => e.Source == ChannelSource.Admin).ToList())
        {
            var now = stored.FirstOrDefault(d => d.Id == old.DefinitionId);
            if (now is null || now.Name != old.Name || now.Type != old.Type || now.SettingsJson != old.SettingsJson || now.Enabled != old.Enabled)
            {
                entries.Remove(old.Name);
                if (old.Channel is not null)
                {
                    await DisposeQuietlyAsync(old.Channel);
                }
            }
        }

        foreach (var definition in stored.Where(d => !entries.ContainsKey(d.Name)))
        {
            ISmsChannel? channel = null;
            string? problem = null;
            if (definition.Enabled)
            {
                try
                {
                    channel = Create(definition.Name, definition.Type, definition.SettingsJson);
                    await StartAsync(channel, cancellationToken);
                }
                catch (ChannelSettingsException exception)
                {
                    // Saved settings were checked on save; a type missing on this node, or a newer rule, lands here.
                    problem = exception.Message;
                    LogStoredChannelRefused(logger, definition.Name, exception.Message);
                }
            }

            entries[definition.Name] = new ChannelEntry(definition.Name, definition.Type, ChannelSource.Admin, definition.Enabled, definition.SettingsJson, channel, problem, definition.Id);
        }

        _entries = entries;
        _routes = routes;
    }

    /// <summary>
    /// Routing declared beside a configured channel (<see cref="DeclaredRouteDeclaration"/>: <c>Prefixes</c>,
    /// <c>Priority</c>, <c>Weight</c>, <c>CostPerPart</c>): shown on the routes page as coming from configuration. Ids
    /// are negative so they never meet a saved rule's. A wrong <c>Enabled</c> is reported here too.
    /// </summary>
    internal static List<Route> DeclaredRoutes(string channel, ChannelSettingsReader read, int firstId)
    {
        var prefixes = read.Raw(DeclaredRouteDeclaration.Prefixes.Name);
        if (prefixes is null && read.Raw(DeclaredRouteDeclaration.Priority.Name) is null)
        {
            read.ThrowIfAnyFor(channel);
            return [];
        }

        var priority = read.Number(DeclaredRouteDeclaration.Priority);
        var weight = read.Number(DeclaredRouteDeclaration.Weight);
        var cost = 0m;
        if (read.Raw(DeclaredRouteDeclaration.CostPerPart.Name) is { } costText
            && (!decimal.TryParse(costText, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out cost) || cost > DeclaredRouteDeclaration.MaxCostPerPart))
        {
            read.Problem(DeclaredRouteDeclaration.CostPerPart.Name, $"'{costText}' is not a number from 0 to {DeclaredRouteDeclaration.MaxCostPerPart}");
        }

        var list = new List<string>();
        foreach (var written in read.List(DeclaredRouteDeclaration.Prefixes))
        {
            if (RoutePrefix.Normalise(written) is { Valid: true } prefix)
            {
                list.Add(prefix.Value);
            }
            else
            {
                read.Problem(DeclaredRouteDeclaration.Prefixes.Name, $"'{written}' is not a number prefix (mainland digits such as 139, a country code such as +852 or +852 9, or + for every country abroad)");
            }
        }

        read.ThrowIfAnyFor(channel);
        var id = firstId;
        return (list.Count == 0 ? [null] : list.Select(p => (string?)p))
            .Select(prefix => new Route { Id = id--, Channel = channel, Prefix = prefix, Priority = priority, Weight = weight, CostPerPart = cost })
            .ToList();
    }

    private ISmsChannel Create(string name, string type, string settingsJson) => CreateFromSection(name, type, SettingsOf(name, secrets.Reveal(name, settingsJson)));

    /// <summary>A channel's settings JSON as the configuration its type reads.</summary>
    /// <exception cref="ChannelSettingsException">The text is not a JSON object.</exception>
    public static IConfiguration SettingsOf(string name, string settingsJson)
    {
        try
        {
            return new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(settingsJson) ? "{}" : settingsJson))).Build();
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException or InvalidDataException)
        {
            throw new ChannelSettingsException(name, [$"{Section}:{name}: the settings are not a JSON object: {exception.Message}"]);
        }
    }

    private ISmsChannel CreateFromSection(string name, string type, IConfiguration settings) =>
        _factories.TryGetValue(type, out var factory)
            ? factory.Create(name, settings)
            : throw new ChannelSettingsException(name, [$"{ChannelSettingsReader.ChannelPrefix(name)}Type: '{type}' is not a channel type; it must be one of {string.Join(", ", _factories.Keys)}"]);

    private async Task StartAsync(ISmsChannel channel, CancellationToken cancellationToken)
    {
        if (Starts)
        {
            await channel.StartAsync(cancellationToken);
        }
    }

    private async Task DisposeQuietlyAsync(ISmsChannel channel)
    {
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogDisposeFailed(logger, channel.Name, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _entries.Values.Where(e => e.Channel is not null))
        {
            await DisposeQuietlyAsync(entry.Channel!);
        }

        _entries = new Dictionary<string, ChannelEntry>();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Saved channel {Channel} cannot be made: {Problem}")]
    private static partial void LogStoredChannelRefused(ILogger logger, string channel, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} failed while closing")]
    private static partial void LogDisposeFailed(ILogger logger, string channel, Exception exception);
}
