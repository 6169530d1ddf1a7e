using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Channels.Simulator;

/// <summary>
/// The built-in upstream: answers like an SMSC (an id per message), sends a receipt after a delay, and fails
/// numbers that match configurable patterns, so every path of a message can be seen without a real SMSC.
/// </summary>
public sealed partial class SimulatorChannel(string name, SimulatorOptions options, IServiceProvider services, TimeProvider clock, ILogger<SimulatorChannel> logger) : ISmsChannel
{
    /// <summary>The built-in channel every install has, configured under <c>Channels:Simulator</c>.</summary>
    public const string ChannelName = "simulator";

    private readonly Regex _reject = new(options.RejectPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    private readonly Regex _undelivered = new(options.UndeliveredPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    private long _sent;

    public string Name => name;

    /// <summary>Messages this channel took since start (the simulator has no window and never goes down).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public ChannelStatus Status => ChannelStatus.Ready();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (_reject.IsMatch(message.Mobile))
        {
            return Task.FromResult(new ChannelAnswer(ChannelOutcome.Rejected, null, "submit_sm_resp command_status=0x00000045 (ESME_RSUBMITFAIL)"));
        }

        Interlocked.Increment(ref _sent);
        var upstreamId = "SIM" + message.MessageId.ToString(CultureInfo.InvariantCulture);
        var delivered = !_undelivered.IsMatch(message.Mobile);
        var submitted = clock.GetUtcNow();
        _ = Task.Run(() => ReceiptLaterAsync(upstreamId, delivered, submitted), CancellationToken.None);
        return Task.FromResult(new ChannelAnswer(ChannelOutcome.Accepted, upstreamId, $"submit_sm_resp command_status=0x00000000 message_id={upstreamId}"));
    }

    /// <summary>
    /// Like an SMSC that keeps its pending receipts across a restart: messages the simulator took before this
    /// process started still get their receipts.
    /// </summary>
    public Task ResumeAsync(IEnumerable<(string UpstreamId, string Mobile, DateTimeOffset Submitted)> pending) =>
        Task.WhenAll(pending.Select(p => ReceiptLaterAsync(p.UpstreamId, !_undelivered.IsMatch(p.Mobile), p.Submitted)));

    private async Task ReceiptLaterAsync(string upstreamId, bool delivered, DateTimeOffset submitted)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.ReceiptDelayMilliseconds), clock);
            var done = clock.GetUtcNow();
            var raw = string.Create(CultureInfo.InvariantCulture,
                $"id:{upstreamId} sub:001 dlvrd:{(delivered ? "001" : "000")} submit date:{submitted:yyMMddHHmm} done date:{done:yyMMddHHmm} stat:{(delivered ? "DELIVRD" : "UNDELIV")} err:{(delivered ? "000" : "001")} text:");
            var events = (IUpstreamEvents)services.GetService(typeof(IUpstreamEvents))!;
            await events.ReceiptAsync(name, upstreamId, delivered, raw, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A receipt the simulator fails to report leaves the message submitted; the expiry sweep ends it.
            LogReceiptFailed(logger, upstreamId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulator could not report the receipt of {UpstreamId}")]
    private static partial void LogReceiptFailed(ILogger logger, string upstreamId, Exception exception);
}
