using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Statistics;

/// <summary>Messages written straight into a portal's database at chosen times, for the statistics tests.</summary>
internal static class StatisticsWorld
{
    /// <summary>China time, the platform's calendar by default.</summary>
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static Message Sent(string mobile, string text, MessageStatus status, DateTimeOffset acceptedAt, int parts = 1, int? templateId = null, string? channel = null) => new()
    {
        Mobile = mobile,
        Text = text,
        Status = status,
        AcceptedAt = acceptedAt.ToUniversalTime(),
        DoneAt = status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired ? acceptedAt.ToUniversalTime() : null,
        TemplateId = templateId,
        Channel = channel,
        Parts = parts,
        Door = SubmissionDoor.Console,
    };

    public static async Task AddAsync(PortalFactory portal, int accountId, params Message[] messages)
    {
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        foreach (var message in messages)
        {
            message.AccountId = accountId;
            db.Messages.Add(message);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A day of the platform's calendar a week back (clear of today, so running sends never mix in), at a China-time hour.</summary>
    public static DateTimeOffset DayAt(DateOnly day, int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), China);
}
