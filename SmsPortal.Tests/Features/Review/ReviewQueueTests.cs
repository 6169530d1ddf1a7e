using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

public sealed class ReviewQueueTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private ReviewQueue Queue => fixture.Portal.Service<ReviewQueue>();

    [Fact]
    public async Task TheQueueHoldsEveryKindOldestFirst()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "Queue Order Co");
        var template = (await fixture.Portal.Service<TemplateReviewService>().FileAsync(account, "排队的模板【x】", TemplateKind.Notification)).TemplateId!.Value;
        var signature = (await fixture.Portal.Service<SignatureService>().FileAsync(account, "排队签名", SignaturePurpose.App, ReviewData.Stream(ReviewData.Png()), CancellationToken.None)).SignatureId!.Value;
        var verification = (await fixture.Portal.Service<VerificationService>().SaveAsync(account,
            new VerificationInput("排队科技有限公司", "91350100M000100Y43", "李四", "13900139000"), ReviewData.Stream(ReviewData.Pdf()), true, CancellationToken.None)).Verification!.Id;

        var page = await Queue.PendingAsync(null, 0, 200, CancellationToken.None);

        var mine = page.Rows.Where(r => r.AccountId == account).Select(r => r.Ref).ToList();
        Assert.Equal([new(ReviewItemKind.Template, template), new(ReviewItemKind.Signature, signature), new(ReviewItemKind.Verification, verification)], mine);
        Assert.Equal(page.Rows.OrderBy(r => r.SubmittedAt).Select(r => r.Ref), page.Rows.Select(r => r.Ref));
        Assert.True(page.Counts.Templates >= 1 && page.Counts.Signatures >= 1 && page.Counts.Verifications >= 1);
        var onlyTemplates = await Queue.PendingAsync(ReviewItemKind.Template, 0, 200, CancellationToken.None);
        Assert.All(onlyTemplates.Rows, r => Assert.Equal(ReviewItemKind.Template, r.Kind));
        Assert.Equal(page.Counts.Templates, onlyTemplates.Total);
    }

    [Fact]
    public async Task EachDecisionIsInTheAuditLogWithWhoWhatAndWhy()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal, "Audit Trail Co");
        var templates = fixture.Portal.Service<TemplateReviewService>();
        var approved = (await templates.FileAsync(account, "审计通过【x】", TemplateKind.Notification)).TemplateId!.Value;
        var rejected = (await templates.FileAsync(account, "审计驳回【x】", TemplateKind.Marketing)).TemplateId!.Value;

        await Queue.ApproveAsync(ReviewData.Admin, [new(ReviewItemKind.Template, approved)], CancellationToken.None);
        var missingReason = await Queue.RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, rejected), " ", CancellationToken.None);
        await Queue.RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, rejected), "营销内容需加退订方式", CancellationToken.None);

        Assert.Equal(ReviewProblem.ReasonMissing, missingReason.Problem);
        var log = await fixture.Portal.Service<ReviewAuditLog>().SearchAsync(new AuditFilter(AccountId: account), 0, 50, CancellationToken.None);
        Assert.Equal(2, log.Total);
        var rejection = log.Rows[0];
        Assert.Equal((ReviewItemKind.Template, rejected, ReviewDecision.Rejected, "营销内容需加退订方式", "审计驳回【x】", PortalFactory.AdminEmail, "Audit Trail Co"),
            (rejection.Kind, rejection.ItemId, rejection.Decision, rejection.Reason, rejection.Subject, rejection.ReviewerName, rejection.AccountName));
        Assert.Equal((approved, ReviewDecision.Approved, (string?)null), (log.Rows[1].ItemId, log.Rows[1].Decision, log.Rows[1].Reason));
        var filtered = await fixture.Portal.Service<ReviewAuditLog>().SearchAsync(new AuditFilter(Decision: ReviewDecision.Rejected, Search: "Audit Trail"), 0, 50, CancellationToken.None);
        Assert.Equal([rejected], filtered.Rows.Select(r => r.ItemId));
    }

    [Fact]
    public async Task AnItemIsDecidedOnceEvenWhenTwoAdminsClickTogether()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var id = (await fixture.Portal.Service<TemplateReviewService>().FileAsync(account, "并发审核【x】", TemplateKind.Notification)).TemplateId!.Value;
        var item = new ReviewItemRef(ReviewItemKind.Template, id);

        var results = await Task.WhenAll(
            Queue.ApproveAsync(ReviewData.Admin, [item], CancellationToken.None),
            Queue.ApproveAsync(new Reviewer("other-admin", "other@smsportal.test"), [item], CancellationToken.None),
            Queue.RejectAsync(ReviewData.Admin, item, "重复", CancellationToken.None).ContinueWith(t => (IReadOnlyList<ReviewResult>)[t.Result], TaskScheduler.Default));

        Assert.Equal(1, results.SelectMany(r => r).Count(r => r.Succeeded));
        Assert.All(results.SelectMany(r => r).Where(r => !r.Succeeded), r => Assert.Equal(ReviewProblem.NotPending, r.Problem));
        Assert.Equal(1, await fixture.Portal.QueryAsync(db => db.ReviewAuditEntries.CountAsync(e => e.ItemKind == ReviewItemKind.Template && e.ItemId == id)));
    }

    [Fact]
    public async Task TheDetailShowsTheFinalSmsUnderTheSignaturesTheAccountCanUse()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var id = (await fixture.Portal.Service<TemplateReviewService>().FileAsync(account, "您的验证码【code】，5分钟内有效", TemplateKind.VerificationCode,
            new TemplateDetails(SampleValues: ["482913"]))).TemplateId!.Value;

        var before = await Queue.GetDetailAsync(new(ReviewItemKind.Template, id), CancellationToken.None);
        var signature = (await fixture.Portal.Service<SignatureService>().FileAsync(account, "云杉科技", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None)).SignatureId!.Value;
        await Queue.ApproveAsync(ReviewData.Admin, [new(ReviewItemKind.Signature, signature)], CancellationToken.None);
        var after = await Queue.GetDetailAsync(new(ReviewItemKind.Template, id), CancellationToken.None);

        Assert.Equal(["【SmsPortal】您的验证码482913，5分钟内有效"], before!.Previews);
        Assert.Equal(["【云杉科技】您的验证码482913，5分钟内有效"], after!.Previews);
        Assert.Equal(ReviewItemKind.Signature, Assert.Single(after.History).Kind);
    }

    [Fact]
    public async Task TheCustomerIsToldByMailAndTemplateResultsArePushed()
    {
        var email = $"told-{Guid.NewGuid():N}@example.com";
        await People.RegisteredCustomerAsync(fixture.Portal, email);
        var account = await ReviewData.AccountOfAsync(fixture.Portal, email);
        await using var receiver = new PushReceiver();
        await fixture.Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account).ExecuteUpdateAsync(s => s.SetProperty(a => a.ReviewPushUrl, receiver.Url)));
        var templates = fixture.Portal.Service<TemplateReviewService>();
        var approved = (await templates.FileAsync(account, "您的快递【单号】已到驿站", TemplateKind.Notification)).TemplateId!.Value;
        var rejected = (await templates.FileAsync(account, "全场一折【链接】", TemplateKind.Marketing)).TemplateId!.Value;

        await Queue.ApproveAsync(ReviewData.Admin, [new(ReviewItemKind.Template, approved)], CancellationToken.None);
        var first = await receiver.NextAsync(TimeSpan.FromSeconds(30));
        await Queue.RejectAsync(ReviewData.Admin, new(ReviewItemKind.Template, rejected), "营销内容需加退订方式 <b>", CancellationToken.None);
        var second = await receiver.NextAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new Dictionary<string, string> { ["code"] = "2", ["msg"] = "审核通过", ["templateid"] = approved.ToString(System.Globalization.CultureInfo.InvariantCulture) }, first);
        Assert.Equal(new Dictionary<string, string> { ["code"] = "0", ["msg"] = "营销内容需加退订方式 <b>", ["templateid"] = rejected.ToString(System.Globalization.CultureInfo.InvariantCulture) }, second);
        var mails = await MailsToAsync(email, 2, TimeSpan.FromSeconds(30));
        var rejection = mails.Single(m => m.Subject!.Contains("未通过", StringComparison.Ordinal));
        Assert.Contains("Your template was not approved", rejection.Subject, StringComparison.Ordinal);
        Assert.Contains("营销内容需加退订方式 &lt;b&gt;", rejection.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("全场一折【链接】", rejection.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(mails, m => m.Subject!.Contains("已通过", StringComparison.Ordinal));
    }

    private async Task<List<MimeMessage>> MailsToAsync(string email, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = new List<MimeMessage>();
            foreach (var file in Directory.Exists(fixture.Portal.MailFolder) ? Directory.GetFiles(fixture.Portal.MailFolder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email) && (message.Subject ?? "").Contains("审核", StringComparison.Ordinal))
                {
                    found.Add(message);
                }
            }

            if (found.Count >= count || DateTime.UtcNow > until)
            {
                Assert.Equal(count, found.Count);
                return found;
            }

            await Task.Delay(100);
        }
    }
}
