using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Channels.Simulator;

/// <summary>Section "Channels:Simulator": how the built-in simulator behaves.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Channels:Simulator";

    /// <summary>How long after submission the receipt comes back.</summary>
    public int ReceiptDelayMilliseconds { get; set; } = 1000;

    /// <summary>Numbers matching this are refused at submission (like ESME_RSUBMITFAIL).</summary>
    public string RejectPattern { get; set; } = "9999$";

    /// <summary>Numbers matching this are accepted and then receipted UNDELIV.</summary>
    public string UndeliveredPattern { get; set; } = "0000$";
}

/// <summary>
/// The built-in upstream: answers like an SMSC (an id per message), sends a receipt after a delay, and fails
/// numbers that match configurable patterns, so every path of a message can be seen without a real SMSC.
/// </summary>
public sealed partial class SimulatorChannel(IOptions<SimulatorOptions> options, IServiceProvider services, TimeProvider clock, ILogger<SimulatorChannel> logger) : ISmsChannel
{
    public const string ChannelName = "simulator";

    private readonly Regex _reject = new(options.Value.RejectPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    private readonly Regex _undelivered = new(options.Value.UndeliveredPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));

    public string Name => ChannelName;

    public ChannelStatus Status => ChannelStatus.Ready();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (_reject.IsMatch(message.Mobile))
        {
            return Task.FromResult(new ChannelAnswer(ChannelOutcome.Rejected, null, "submit_sm_resp command_status=0x00000045 (ESME_RSUBMITFAIL)"));
        }

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
    public async Task ResumeAsync(IEnumerable<(string UpstreamId, string Mobile, DateTimeOffset Submitted)> pending)
    {
        foreach (var (upstreamId, mobile, submitted) in pending)
        {
            await ReceiptLaterAsync(upstreamId, !_undelivered.IsMatch(mobile), submitted);
        }
    }

    private async Task ReceiptLaterAsync(string upstreamId, bool delivered, DateTimeOffset submitted)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.ReceiptDelayMilliseconds), clock);
            var done = clock.GetUtcNow();
            var raw = string.Create(CultureInfo.InvariantCulture,
                $"id:{upstreamId} sub:001 dlvrd:{(delivered ? "001" : "000")} submit date:{submitted:yyMMddHHmm} done date:{done:yyMMddHHmm} stat:{(delivered ? "DELIVRD" : "UNDELIV")} err:{(delivered ? "000" : "001")} text:");
            var events = (IUpstreamEvents)services.GetService(typeof(IUpstreamEvents))!;
            await events.ReceiptAsync(ChannelName, upstreamId, delivered, raw, CancellationToken.None);
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

/// <summary>At start, resumes the receipts of messages the simulator had taken when the process stopped.</summary>
internal sealed class SimulatorRecovery(SimulatorChannel simulator, Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.SmsPortalDbContext> contexts) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = await contexts.CreateDbContextAsync(stoppingToken);
        var pending = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Messages.Where(m => m.Status == Domain.Sending.MessageStatus.Submitted && m.Channel == SimulatorChannel.ChannelName && m.UpstreamId != null)
                .Select(m => new { m.UpstreamId, m.Mobile, m.SubmittedAt }),
            stoppingToken);
        await simulator.ResumeAsync(pending.Select(p => (p.UpstreamId!, p.Mobile, p.SubmittedAt ?? DateTimeOffset.UnixEpoch)));
    }
}
