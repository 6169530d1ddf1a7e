using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Tests.Support;

/// <summary>
/// A channel type for tests ("Scripted"): it answers as its settings say (Answer = Accepted | Rejected | TryLater |
/// Unknown; Up = false for a channel that is down; ReceiptFirst = true to report the receipt before answering, as a
/// very fast upstream can; DelayMilliseconds for a slow upstream) and records what it was handed.
/// </summary>
public sealed class ScriptedChannels : IChannelFactory
{
    public ConcurrentQueue<(string Channel, OutboundMessage Message)> Handed { get; } = new();

    public IServiceProvider? Services { get; set; }

    public string Type => "Scripted";

    public ChannelSettingSet Settings { get; } = new("Scripted",
    [
        new ChannelSetting("Answer", ChannelSettingKind.Choice) { Default = "Accepted", Choices = Enum.GetNames<ChannelOutcome>() },
        ChannelSetting.Flag("Up", true), ChannelSetting.Flag("ReceiptFirst", false), ChannelSetting.Number("DelayMilliseconds", 0, 0, 600_000),
    ]);

    public ISmsChannel Create(string name, IConfiguration settings)
    {
        var answer = settings["Answer"] ?? "Accepted";
        if (!Enum.TryParse<ChannelOutcome>(answer, out var outcome))
        {
            throw new ChannelSettingsException(name, [$"Answer must be Accepted, Rejected, TryLater or Unknown, not '{answer}'"]);
        }

        return new Scripted(this, name, outcome, settings.GetValue("Up", true), settings.GetValue("ReceiptFirst", false), settings.GetValue("DelayMilliseconds", 0));
    }

    public static void Register(PortalFactory portal, ScriptedChannels channels) =>
        portal.TestServices = services => services.AddSingleton<IChannelFactory>(sp =>
        {
            channels.Services = sp;
            return channels;
        });

    private sealed class Scripted(ScriptedChannels owner, string name, ChannelOutcome outcome, bool up, bool receiptFirst, int delayMilliseconds) : ISmsChannel
    {
        public string Name => name;

        public ChannelStatus Status => up ? ChannelStatus.Ready("scripted") : new ChannelStatus(false, "down (scripted)", 0, 0, 0, 1, "scripted outage");

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            owner.Handed.Enqueue((name, message));
            if (delayMilliseconds > 0)
            {
                await Task.Delay(delayMilliseconds, cancellationToken);
            }

            var id = name + "-" + message.MessageId.ToString(CultureInfo.InvariantCulture);
            if (receiptFirst)
            {
                var events = owner.Services!.GetRequiredService<IUpstreamEvents>();
                _ = events.ReceiptAsync(name, id, delivered: true, $"id:{id} stat:DELIVRD", CancellationToken.None);
                await Task.Delay(300, cancellationToken);
            }

            return new ChannelAnswer(outcome, outcome is ChannelOutcome.Accepted or ChannelOutcome.Unknown ? id : null, $"{name} answered {outcome}");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
