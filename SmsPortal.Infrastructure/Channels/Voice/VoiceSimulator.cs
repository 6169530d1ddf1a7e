using System.Collections.Concurrent;
using System.Globalization;

namespace SmsPortal.Infrastructure.Channels.Voice;

/// <summary>
/// The voice channel of Development and the tests: it calls nobody, records each call (number, the digits it would
/// speak, when) and answers like a provider that took it. Outside Development it is off unless
/// <c>Verify:VoiceSimulator</c> = true.
/// </summary>
public sealed class VoiceSimulator(TimeProvider clock) : IVoiceChannel
{
    public const string ChannelName = "voice-simulator";

    private readonly ConcurrentQueue<SimulatedCall> _calls = new();

    public string Name => ChannelName;

    /// <summary>Every call placed since start, oldest first.</summary>
    public IReadOnlyList<SimulatedCall> Calls => _calls.ToArray();

    public Task<ChannelAnswer> CallAsync(VoiceCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var spoken = string.Join(' ', call.Code.ToCharArray());
        _calls.Enqueue(new SimulatedCall(call.Sid, call.Mobile, spoken, clock.GetUtcNow()));
        var id = "VSIM" + _calls.Count.ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(new ChannelAnswer(ChannelOutcome.Accepted, id, $"call {id} to {call.Mobile}: spoke {spoken}"));
    }
}
