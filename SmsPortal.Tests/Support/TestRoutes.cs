using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Channels;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Tests.Support;

/// <summary>Routing rules saved as an admin saves them, and the channel registry refreshed to use them.</summary>
public static class TestRoutes
{
    public static async Task AddAsync(PortalFactory portal, params Route[] routes)
    {
        ArgumentNullException.ThrowIfNull(portal);
        _ = portal.CreateClient();
        await using (var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Routes.AddRange(routes);
            await db.SaveChangesAsync();
        }

        var registry = portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await registry.RefreshAsync(CancellationToken.None);
    }
}
