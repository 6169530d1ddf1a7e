using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>A template filed with its own variable length is held to that length on Submit, by id and by text.</summary>
public sealed class TemplateLimitTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ATemplatesReviewedVariableLengthIsTheLimitInForce()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 10, verified: true, paid: true, signatures: ["云片物流"],
            templates: [("order", "您的订单【order】已发货", TemplateKind.Notification)]);
        var id = account.Templates["order"];
        await using (var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            await db.MessageTemplates.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.MaxVariableLength, 12));
        }

        fixture.Portal.Service<SendingProfiles>().ForgetAll();
        var api = new VendorClient(fixture.Portal.CreateClient());

        Assert.Equal(2, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138021", "201805150001", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Code);
        var tooLong = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138022", "2018051500012", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(40722, tooLong.Code);
        Assert.Equal("变量内容超过指定的长度【12】", tooLong.Msg);
        Assert.Equal(2, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138023", "【云片物流】您的订单201805150001已发货")).Code);
        Assert.Equal(40722, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138024", "【云片物流】您的订单2018051500012已发货")).Code);
    }
}
