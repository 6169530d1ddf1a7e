using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

public sealed class BlacklistTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private Blacklist Blacklist => fixture.Portal.Service<Blacklist>();

    [Fact]
    public async Task NumbersAreAddedInTheFormThePipelineCompares()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var change = await Blacklist.AddAsync(account, ["+86 138-0013-8000", "13800138000", "852 91234567", "12345", "", "hello"], CancellationToken.None);

        Assert.Equal((2, 1), (change.Added, change.AlreadyListed));
        Assert.Equal(["12345", "hello"], change.Refused);
        var page = await Blacklist.SearchAsync(BlacklistScope.Account, account, null, null, 0, 50, CancellationToken.None);
        Assert.Equal(["13800138000", "852 91234567"], page.Rows.Select(r => r.Mobile).Order(StringComparer.Ordinal));
        Assert.True(await Blacklist.IsBlockedAsync(account, "13800138000", CancellationToken.None));
        Assert.False(await Blacklist.IsBlockedAsync(await ReviewData.NewAccountAsync(fixture.Portal), "13800138000", CancellationToken.None));
    }

    [Fact]
    public async Task APlatformNumberIsBlockedForEveryAccount()
    {
        var number = "1390000" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Blacklist.AddAsync(null, [number], CancellationToken.None);

        Assert.True(await Blacklist.IsBlockedAsync(await ReviewData.NewAccountAsync(fixture.Portal), number, CancellationToken.None));
        Assert.Contains(number, (await Blacklist.SearchAsync(BlacklistScope.Platform, null, number, null, 0, 50, CancellationToken.None)).Rows.Select(r => r.Mobile));
    }

    [Fact]
    public async Task ACsvIsImportedByItsFirstColumn()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var csv = "\"mobile\",\"note\"\r\n13700137000,from a spreadsheet\r\n13700137001;semicolon\r\n"u8.ToArray();

        var change = await Blacklist.ImportAsync(account, new MemoryStream(csv), CancellationToken.None);

        Assert.Equal(2, change!.Added);
        Assert.Equal(["mobile"], change.Refused);
    }

    [Fact]
    public async Task AnOptOutReplyBlocksTheNumberAndOnlyAnAdminReleasesIt()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        await Blacklist.AddAsync(account, ["13600136000"], CancellationToken.None);

        Assert.True(OptOut.IsOptOutReply("退订"));
        Assert.True(await Blacklist.AddOptOutAsync(account, "13500135000", CancellationToken.None));
        Assert.False(await Blacklist.AddOptOutAsync(account, "+8613500135000", CancellationToken.None));
        Assert.False(await Blacklist.AddOptOutAsync(account, "13600136000", CancellationToken.None));
        Assert.False(await Blacklist.AddOptOutAsync(account, "not a number", CancellationToken.None));

        var rows = (await Blacklist.SearchAsync(BlacklistScope.Account, account, null, BlockReason.OptOut, 0, 50, CancellationToken.None)).Rows;
        Assert.Equal(["13500135000", "13600136000"], rows.Select(r => r.Mobile).Order(StringComparer.Ordinal));
        var optOut = rows.Single(r => r.Mobile == "13500135000");
        Assert.Equal(ReleaseOutcome.OptOutKept, await Blacklist.ReleaseAsync(account, optOut.Id, CancellationToken.None));
        Assert.Equal(ReleaseOutcome.NotFound, await Blacklist.ReleaseAsync(await ReviewData.NewAccountAsync(fixture.Portal), optOut.Id, CancellationToken.None));
        Assert.Equal(ReleaseOutcome.Released, await Blacklist.ReleaseAsync(null, optOut.Id, CancellationToken.None));
        Assert.False(await Blacklist.IsBlockedAsync(account, "13500135000", CancellationToken.None));
    }

    [Fact]
    public async Task ANumberThePipelineBlockedFor408IsReleasedByTheCustomer()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        await fixture.Portal.QueryAsync(async db =>
        {
            db.BlockedNumbers.Add(new BlockedNumber { AccountId = account, Mobile = "13300133000", Reason = BlockReason.OverLimit, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var entry = (await Blacklist.SearchAsync(BlacklistScope.AllAccounts, null, "13300133000", BlockReason.OverLimit, 0, 50, CancellationToken.None)).Rows.Single(r => r.AccountId == account);

        Assert.Equal(ReleaseOutcome.Released, await Blacklist.ReleaseAsync(account, entry.Id, CancellationToken.None));

        Assert.False(await Blacklist.IsBlockedAsync(account, "13300133000", CancellationToken.None));
    }
}
