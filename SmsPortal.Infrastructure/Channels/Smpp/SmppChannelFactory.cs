using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Smpp;

/// <summary>Makes <see cref="SmppChannel"/>s from <c>Channels:&lt;name&gt;</c> sections with <c>Type = Smpp</c>.</summary>
public sealed class SmppChannelFactory(IServiceProvider services, TimeProvider clock, ILoggerFactory loggers) : IChannelFactory
{
    public const string TypeName = "Smpp";

    public string Type => TypeName;

    public ChannelSettingSet Settings => SmppChannelDeclaration.All;

    public ISmsChannel Create(string name, IConfiguration settings) =>
        new SmppChannel(name, SmppChannelOptions.From(name, settings), services, clock, loggers);
}
