using Microsoft.Extensions.Options;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Chooses the channels a message may take, in the order to try them: the routing rules that match its account,
/// number and network (priority, then weight), or the default channel when no rule matches a mainland number. A number
/// abroad takes only the rules that name its country (<see cref="RoutePrefix"/>): the default channel is mainland-only,
/// so with no such rule there is no candidate and the dispatcher fails the message (refunded) with the reason.
/// </summary>
public sealed class ChannelRouter(ChannelRegistry registry, IOptions<DispatchOptions> options)
{
    public IReadOnlyList<RouteChoice> Candidates(Message message)
    {
        var carrier = message.Mobile.Length == 11 && message.Mobile[0] == '1' ? CarrierPrefixes.Of(message.Mobile).Carrier : Carrier.Unknown;
        var choices = new List<RouteChoice>();
        foreach (var route in RouteTable.Candidates(registry.Routes, message.AccountId, message.Mobile, carrier, Random.Shared.NextDouble))
        {
            if (registry.Find(route.Channel) is { } channel && choices.TrueForAll(c => c.Channel != channel))
            {
                choices.Add(new RouteChoice(channel, route));
            }
        }

        if (choices.Count == 0 && !RoutePrefix.IsAbroadNumber(message.Mobile) && registry.Find(options.Value.DefaultChannel) is { } fallback)
        {
            choices.Add(new RouteChoice(fallback, null));
        }

        return choices;
    }
}
