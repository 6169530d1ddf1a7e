using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>A message whose channels stay down is not lost and not charged: it expires after the window and is refunded.</summary>
public sealed class UnsentExpiryTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync()
    {
        ScriptedChannels.Register(_portal, new ScriptedChannels());
        _portal.Clock = _clock;
        _portal.Settings["Channels:down:Type"] = "Scripted";
        _portal.Settings["Channels:down:Up"] = "false";
        _portal.Settings["Dispatch:DefaultChannel"] = "down";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AMessageNoChannelTookWithinTheWindowExpiresAndIsRefunded()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await _portal.Service<ChannelRegistry>().Loaded;
        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "13800138031", "2468", "1");
        Assert.Equal(2, answer.Code);
        var id = Message.IdOfSmsId(answer.SmsId)!.Value;
        await Eventually.HoldsAsync(async () => (await MessageAsync(id)).NextAttemptAt != null, "dispatch found the channel down");
        var sweep = _portal.Service<OutboxSweep>();

        await sweep.SweepAsync(CancellationToken.None);
        Assert.Equal(MessageStatus.Accepted, (await MessageAsync(id)).Status);
        _clock.Advance(TimeSpan.FromHours(73));
        // The pump may hold the message for a moment (claimed, found its channel down, released): sweep until it expires.
        await Eventually.HoldsAsync(async () =>
        {
            await sweep.SweepAsync(CancellationToken.None);
            return (await MessageAsync(id)).Status == MessageStatus.Expired;
        }, "the sweep expires the unsent message");

        var message = await MessageAsync(id);
        Assert.Equal(MessageStatus.Expired, message.Status);
        Assert.Null(message.SubmittedAt);
        Assert.Contains("no channel took it within 72 h", message.UpstreamStatus, StringComparison.Ordinal);
        Assert.Equal(10, await _portal.CheckedBalanceAsync(account.Id));
    }

    private Task<Message> MessageAsync(long id) => _portal.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
}
