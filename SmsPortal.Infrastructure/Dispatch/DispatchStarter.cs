using Hangfire;
using Microsoft.Extensions.Hosting;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Wires acceptance to dispatch, applies receipts, and schedules the sweep (once at start for what a restart left, then every minute).</summary>
internal sealed class DispatchStarter(SubmissionWriter writer, DispatchSignal signal, ReceiptProcessor receipts, IRecurringJobManager recurring, IBackgroundJobClient jobs) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => receipts.RunAsync(stoppingToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        writer.Accepted += signal.Wake;
        recurring.AddOrUpdate<OutboxSweep>("outbox-sweep", s => s.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Billing.Alerts.LowBalanceAlertJob>("low-balance-alerts", j => j.CheckAsync(CancellationToken.None), Cron.Minutely());
        jobs.Enqueue<OutboxSweep>(s => s.SweepAsync(CancellationToken.None));
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        writer.Accepted -= signal.Wake;
        return base.StopAsync(cancellationToken);
    }
}
