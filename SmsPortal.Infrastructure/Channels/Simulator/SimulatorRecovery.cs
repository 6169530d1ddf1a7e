using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Channels.Simulator;

/// <summary>At start, resumes the receipts of messages the simulator channels had taken when the process stopped.</summary>
internal sealed class SimulatorRecovery(ChannelRegistry registry, IDbContextFactory<SmsPortalDbContext> contexts) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await registry.Loaded.WaitAsync(stoppingToken);
        foreach (var simulator in registry.Channels.OfType<SimulatorChannel>())
        {
            await using var db = await contexts.CreateDbContextAsync(stoppingToken);
            var pending = await db.Messages.Where(m => m.Status == Domain.Sending.MessageStatus.Submitted && m.Channel == simulator.Name && m.UpstreamId != null)
                .Select(m => new { m.UpstreamId, m.Mobile, m.SubmittedAt })
                .ToListAsync(stoppingToken);
            _ = simulator.ResumeAsync(pending.Select(p => (p.UpstreamId!, p.Mobile, p.SubmittedAt ?? DateTimeOffset.UnixEpoch)));
        }
    }
}
