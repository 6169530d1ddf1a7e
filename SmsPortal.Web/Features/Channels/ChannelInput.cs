namespace SmsPortal.Web.Features.Channels;

public sealed record ChannelInput(string? Name, string? Type, string? SettingsJson, bool Enabled);
