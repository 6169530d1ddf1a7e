using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// The SQLite acceptance store writes its rows by hand (prepared statements, no change tracking): these tests hold
/// it to the one row mapping both stores share, column by column of the EF Core model.
/// </summary>
public sealed class AcceptedMessageRowTests
{
    [Fact]
    public async Task TheSqliteInsertWritesEveryColumnOfTheModelButTheId()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Node:Roles"] = "Web";
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var model = db.Model.FindEntityType(typeof(Message))!;

        var insert = new SqliteMessageInsert(db.Model);

        var columns = model.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.GetColumnName()).Order().ToList();
        Assert.Equal(columns, insert.ColumnNames.Order().ToList());
        Assert.Contains("\"SmppReceipt\"", insert.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageAcceptedOnSqliteIsStoredAsTheSharedMappingSaysInEveryColumn()
    {
        await using var portal = new PortalFactory();
        // No worker: the row is read as acceptance left it, before dispatch changes it.
        portal.Settings["Node:Roles"] = "Web";
        _ = portal.CreateClient();
        var account = await TestAccounts.CreateAsync(portal, credits: 10);
        var submission = new PendingSubmission(account.Id, SendLimits.VendorDefaults, SubmissionDoor.Smpp, "13800138123", "【SmsPortal】您的验证码是：4321。", 77, 1, true, "key-123")
        {
            WantsSmppReceipt = true,
        };

        var result = await portal.Service<SubmissionWriter>().SubmitAsync(submission, CancellationToken.None);

        Assert.Equal(ResultCode.Accepted, result.Code);
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == result.MessageId);
        var expected = AcceptedMessageRow.Of(submission, stored.AcceptedAt);
        foreach (var property in db.Model.FindEntityType(typeof(Message))!.GetProperties().Where(p => !p.IsPrimaryKey()))
        {
            var getter = property.GetGetter();
            Assert.True(
                Equals(getter.GetClrValueUsingContainingEntity(expected), getter.GetClrValueUsingContainingEntity(stored)),
                $"Messages.{property.Name}: the mapping says {getter.GetClrValueUsingContainingEntity(expected) ?? "null"}, SQLite stored {getter.GetClrValueUsingContainingEntity(stored) ?? "null"}");
        }

        Assert.Equal(SmppReceiptState.Wanted, stored.SmppReceipt);
        Assert.Equal(77, stored.TemplateId);
        Assert.Equal("key-123", stored.IdempotencyKey);
    }
}
