using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>Makes modem pools from <c>Channels:&lt;name&gt;</c> sections with <c>Type</c> = Modem.</summary>
internal sealed class ModemChannelFactory(IServiceProvider services, TimeProvider clock, ILoggerFactory loggers) : IChannelFactory
{
    public string Type => "Modem";

    public ChannelSettingSet Settings => ModemChannelDeclaration.All;

    public ISmsChannel Create(string name, IConfiguration settings) =>
        new ModemChannel(name, ModemOptions.From(name, settings), new LateUpstreamEvents(services), clock, loggers);

    /// <summary>Resolved when a report arrives, not when the channel is made: the receipt processor depends on the channels.</summary>
    private sealed class LateUpstreamEvents(IServiceProvider services) : IUpstreamEvents
    {
        public Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken) =>
            services.GetRequiredService<IUpstreamEvents>().ReceiptAsync(channel, upstreamId, delivered, raw, cancellationToken);

        public Task ReplyAsync(string channel, InboundReply reply, CancellationToken cancellationToken) =>
            services.GetRequiredService<IUpstreamEvents>().ReplyAsync(channel, reply, cancellationToken);
    }
}
