using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Features.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// One portal for the isolation matrix with two customers, A and B, each owning one of everything (a message sent
/// through the vendor API, a reply, a pending and a paid order, an issued invoice, a licence, a signature with its
/// document, a template, an API key), the admin, and anonymous visitors; and the resellers' rows: resellers R1 and R2,
/// a customer of each (C1, C2) owning one of everything as A does, and a direct customer owning nothing.
/// </summary>
public sealed class TenantWorld : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public Tenant A { get; private set; } = default!;

    public Tenant B { get; private set; } = default!;

    public HttpClient Admin { get; private set; } = default!;

    public Member R1 { get; private set; } = default!;

    public Member R2 { get; private set; } = default!;

    /// <summary>R1's customer.</summary>
    public Tenant C1 { get; private set; } = default!;

    /// <summary>R2's customer.</summary>
    public Tenant C2 { get; private set; } = default!;

    public Member Direct { get; private set; } = default!;

    /// <summary>R1's package and C1's own price for it.</summary>
    public TenantCatalogue R1Catalogue { get; private set; } = default!;

    /// <summary>R2's package and C2's own price for it.</summary>
    public TenantCatalogue R2Catalogue { get; private set; } = default!;

    /// <summary>A's Verify service and a verification pending in it (to a number of A's).</summary>
    public TenantVerify AVerify { get; private set; } = default!;

    /// <summary>C1's Verify service and a verification pending in it (to a number of C1's): the resellers' rows cross it.</summary>
    public TenantVerify C1Verify { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _ = Portal.Server;
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 500, price: 30m, name: "Isolation");
        A = await TenantAsync("甲", "13911110001", package);
        B = await TenantAsync("乙", "13922220002", package);
        R1 = await MemberAsync("Reseller R1", reseller: true);
        R2 = await MemberAsync("Reseller R2", reseller: true);
        Direct = await MemberAsync("Direct", reseller: false);
        C1 = await TenantAsync("丙", "13933330003", package);
        C2 = await TenantAsync("丁", "13944440004", package);
        await TestAccounts.SetAsync(Portal, C1.AccountId, a => a.ParentAccountId = R1.AccountId);
        await TestAccounts.SetAsync(Portal, C2.AccountId, a => a.ParentAccountId = R2.AccountId);
        R1Catalogue = await CatalogueOfAsync(R1, C1, "甲代理套餐");
        R2Catalogue = await CatalogueOfAsync(R2, C2, "乙代理套餐");
        AVerify = await VerifyOfAsync(A, "甲方验证服务", "13911110009");
        C1Verify = await VerifyOfAsync(C1, "丙方验证服务", "13933330009");
        Admin = Portal.CreateBrowserLikeClient();
        var signedIn = await People.SignInAsync(Admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>A client with no cookie and no credentials.</summary>
    public HttpClient Anonymous() => Portal.CreateBrowserLikeClient();

    public HttpClient ClientOf(Caller caller) => caller switch
    {
        Caller.Admin => Admin,
        Caller.Anonymous => Anonymous(),
        _ => MemberOf(caller)!.Client,
    };

    /// <summary>The caller's account, person and API key; null for the admin (no account) and anonymous visitors.</summary>
    public Member? MemberOf(Caller caller) => caller switch
    {
        Caller.CustomerA => A.AsMember,
        Caller.CustomerB => B.AsMember,
        Caller.ResellerR1 => R1,
        Caller.ResellerR2 => R2,
        Caller.CustomerOfR1 => C1.AsMember,
        Caller.CustomerOfR2 => C2.AsMember,
        Caller.DirectCustomer => Direct,
        _ => null,
    };

    /// <summary>
    /// The tenants whose things the caller must never see: every one but its own, and for a reseller every one but its
    /// customer's. The admin sees everybody's.
    /// </summary>
    public IReadOnlyList<Tenant> ForeignTo(Caller caller) => caller switch
    {
        Caller.Admin => [],
        Caller.CustomerA => [B, C1, C2],
        Caller.CustomerB => [A, C1, C2],
        Caller.ResellerR1 or Caller.CustomerOfR1 => [A, B, C2],
        Caller.ResellerR2 or Caller.CustomerOfR2 => [A, B, C1],
        _ => [A, B, C1, C2],
    };

    /// <summary>The tenant the caller is (it owns one of everything), or null.</summary>
    public Tenant? TenantOf(Caller caller) => caller switch
    {
        Caller.CustomerA => A,
        Caller.CustomerB => B,
        Caller.CustomerOfR1 => C1,
        Caller.CustomerOfR2 => C2,
        _ => null,
    };

    /// <summary>The tenant whose Verify service <paramref name="verify"/> is.</summary>
    public Tenant OwnerOf(TenantVerify verify) => verify == AVerify ? A : C1;

    private async Task<TenantCatalogue> CatalogueOfAsync(Member reseller, Tenant customer, string name)
    {
        var catalogue = Portal.Service<SmsPortal.Infrastructure.Resellers.ResellerCatalogue>();
        var packageName = name + Guid.NewGuid().ToString("N")[..6];
        var saved = await catalogue.SavePackageAsync(reseller.AccountId, null, new PackageInput(packageName, 1000, 50m, 365, true), BillingWorld.Admin, CancellationToken.None);
        Assert.True(saved.Ok, saved.Error);
        var priced = await catalogue.SetPriceAsync(reseller.AccountId, customer.ApiId, (int)saved.Id!.Value, 45m, BillingWorld.Admin, CancellationToken.None);
        Assert.True(priced.Ok, priced.Error);
        return new TenantCatalogue((int)saved.Id.Value, packageName, customer.ApiId, 45m);
    }

    private async Task<TenantVerify> VerifyOfAsync(Tenant owner, string name, string mobile)
    {
        var verify = Features.Verify.VerifyRestClient.For(Portal, owner.ApiId, owner.ApiKey);
        var serviceName = name + Guid.NewGuid().ToString("N")[..8];
        var service = await verify.CreateServiceAsync(new { name = serviceName });
        return new TenantVerify(service, serviceName, (await verify.StartAndReadAsync(service, mobile)).Sid);
    }

    /// <summary>A person signed in through the pages whose account holds 1,000 credits; a reseller is made so by the admins' service before it signs in.</summary>
    private async Task<Member> MemberAsync(string company, bool reseller)
    {
        var email = $"member-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email, company: company);
        var accountId = (await People.FindAsync(Portal, email))!.AccountId!.Value;
        var accounts = Portal.Service<AccountService>();
        var key = (await accounts.ListKeysAsync(accountId, CancellationToken.None)).First(k => k.RevokedAt is null);
        var apiKey = (await accounts.RevealKeyAsync(accountId, key.Id, CancellationToken.None))!;
        var apiId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.ApiId).SingleAsync());
        await Portal.QueryAsync(db => Portal.Service<SmsPortal.Infrastructure.Ledger.CreditLedger>().AppendAsync(db,
            [new SmsPortal.Infrastructure.Ledger.LedgerLine(accountId, SmsPortal.Domain.Ledger.LedgerEntryKind.Adjustment, 1000, Note: "isolation credits")], CancellationToken.None));
        if (reseller)
        {
            var host = $"iso{Guid.NewGuid():N}"[..14] + ".agent.test";
            var saved = await Portal.Service<SmsPortal.Infrastructure.Resellers.ResellerAdministration>().SaveAsync(apiId, Resellers.ResellerWorld.Settings(host, name: company), BillingWorld.Admin, CancellationToken.None);
            Assert.True(saved.Ok, saved.Error);
            // The Reseller role is in the cookie from the next sign-in.
            client = Portal.CreateBrowserLikeClient();
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await People.SignInAsync(client, email, "Customer#2026")).StatusCode);
        }

        return new Member(client, accountId, apiId, apiKey, email);
    }

    private async Task<Tenant> TenantAsync(string name, string mobile, int package)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"tenant-{tag}@example.com";
        var company = $"Tenant {name} {tag} Ltd";
        var client = await People.RegisteredCustomerAsync(Portal, email, company: company);
        var user = (await People.FindAsync(Portal, email))!;
        var accountId = user.AccountId!.Value;
        var accounts = Portal.Service<AccountService>();
        var key = (await accounts.ListKeysAsync(accountId, CancellationToken.None)).First(k => k.RevokedAt is null);
        var apiKey = (await accounts.RevealKeyAsync(accountId, key.Id, CancellationToken.None))!;
        var apiId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.ApiId).SingleAsync());

        var licence = await Portal.Service<VerificationService>().SaveAsync(accountId,
            new VerificationInput("福州示例科技有限公司", "91350100M000100Y43", "张三", "13800138000"), ReviewData.Stream(ReviewData.Pdf()), true, CancellationToken.None);
        Assert.True(licence.Verification is not null, string.Join(", ", licence.Faults));
        var signatureText = name + "方测试" + (name == "甲" ? "商城" : "超市");
        var signature = await Portal.Service<SignatureService>().FileAsync(accountId, signatureText, SignaturePurpose.Site, ReviewData.Stream(ReviewData.Png()), CancellationToken.None);
        Assert.True(signature.IsFiled, signature.Problem?.ToString());
        var templateText = $"{name}方模板{tag}：您的订单【order】已发货。";
        var template = new MessageTemplate { AccountId = accountId, Text = templateText, Kind = TemplateKind.Notification, State = ReviewState.Approved, CreatedAt = DateTimeOffset.UtcNow };
        await Portal.QueryAsync(async db =>
        {
            db.MessageTemplates.Add(template);
            await db.Signatures.Where(s => s.Id == signature.SignatureId).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ReviewState.Approved));
            return await db.SaveChangesAsync();
        });
        await TestAccounts.SetAsync(Portal, accountId, a => a.IsVerified = true);

        var pending = await BillingWorld.NewOrderAsync(Portal, accountId, package);
        var paid = await BillingWorld.PaidOrderAsync(Portal, accountId, package);
        var paidNumber = (await Portal.Service<OrderService>().GetAsync(paid, accountId, CancellationToken.None))!.Number;
        var invoiceTitle = $"深圳市{name}方{tag}科技有限公司";
        var invoices = Portal.Service<InvoiceService>();
        var requested = await invoices.RequestAsync(accountId, paid, BillingWorld.ChineseCompany() with { Title = invoiceTitle }, user.Id, CancellationToken.None);
        Assert.True(requested.Ok, requested.Error);
        var issued = await invoices.IssueAsync(requested.Id!.Value, BillingWorld.Admin, CancellationToken.None);
        Assert.True(issued.Ok, issued.Error);

        var sent = await new VendorClient(Portal.CreateClient()).SubmitAsync(apiId, apiKey, mobile, tag, template.Id.ToString(CultureInfo.InvariantCulture));
        Assert.True(sent.Code == 2, $"{sent.Code} {sent.Msg}");
        // Dispatch and the receipt run in the background: the rows the matrix compares are settled first.
        var messageId = (await Portal.MessageWhenAsync(sent.SmsId!, m => m.DoneAt is not null)).Id;
        var replyText = $"{name}方回复{tag}";
        var reply = new Reply { AccountId = accountId, MessageId = messageId, Mobile = mobile, To = "106900", Content = replyText, Channel = "simulator", ReceivedAt = DateTimeOffset.UtcNow };
        await Portal.QueryAsync(db =>
        {
            db.Replies.Add(reply);
            return db.SaveChangesAsync();
        });

        return new Tenant(client, email, user.Id, accountId, apiId, apiKey, key.Id, company, mobile, sent.SmsId!, messageId, reply.Id, replyText,
            template.Id, templateText, signature.SignatureId!.Value, signatureText, licence.Verification!.Id,
            pending.Id, pending.Number, paid, paidNumber, requested.Id.Value, invoiceTitle);
    }
}
