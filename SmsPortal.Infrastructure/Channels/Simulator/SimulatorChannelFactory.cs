using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Simulator;

/// <summary>Makes simulator channels (Type = Simulator) beside the built-in one.</summary>
public sealed class SimulatorChannelFactory(IServiceProvider services, TimeProvider clock, ILoggerFactory loggers) : IChannelFactory
{
    public string Type => "Simulator";

    public ChannelSettingSet Settings => SimulatorChannelDeclaration.All;

    public ISmsChannel Create(string name, IConfiguration settings) =>
        new SimulatorChannel(name, SimulatorOptions.From(name, settings), services, clock, loggers.CreateLogger<SimulatorChannel>());
}
