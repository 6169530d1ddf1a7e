namespace SmsPortal.Infrastructure.Channels;

/// <summary>A channel as the admins' page lists it.</summary>
/// <param name="Channel">The live channel; null when disabled or when its settings could not be used.</param>
/// <param name="Problem">Why it is not live (settings refused), or null.</param>
public sealed record ChannelEntry(string Name, string Type, ChannelSource Source, bool Enabled, string SettingsJson, ISmsChannel? Channel, string? Problem, int? DefinitionId);
