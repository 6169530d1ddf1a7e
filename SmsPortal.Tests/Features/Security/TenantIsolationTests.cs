using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Features.Review;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Replies;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// The tenant-isolation matrix (issue 12): every page route and every HTTP endpoint, called as customer A, customer B,
/// the admin and an anonymous visitor with A's ids. B and anonymous see nothing of A's and change nothing; A and the
/// admin are the positive control. Pages and endpoints are found from the running app, and one without a row here
/// fails <see cref="EveryPageRouteHasARowAndEveryParameterAnId"/> or <see cref="EveryEndpointHasARow"/>: a new feature adds its rows.
/// </summary>
public sealed partial class TenantIsolationTests(TenantWorld world) : IClassFixture<TenantWorld>
{
    private Tenant A => world.A;

    private Tenant B => world.B;

    private static readonly Caller[] Callers = Enum.GetValues<Caller>();

    // ---- Pages ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Route parameters by name and the values of A's they stand for. Tab is the page's own static Tabs list. An API ID
    /// names a reseller's customer: C1's, C2's and A's (a direct customer), so each reseller is tried with the other's.
    /// </summary>
    private static readonly Dictionary<string, Func<TenantWorld, Type, IEnumerable<string>>> RouteValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TemplateId"] = (w, _) => [w.A.TemplateId.ToString(CultureInfo.InvariantCulture)],
        ["Tab"] = (_, page) => (string[])page.GetField("Tabs", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!,
        ["ApiId"] = (w, _) => [w.C1.ApiId, w.C2.ApiId, w.A.ApiId],
        // The admin's page of one account.
        ["AccountId"] = (w, _) => [w.A.AccountId.ToString(CultureInfo.InvariantCulture)],
    };

    /// <summary>Pages of one reseller's customer: found by its reseller only (the positive control), "not found" for everybody else.</summary>
    private static readonly HashSet<string> ResellerCustomerPages = new(StringComparer.Ordinal) { "/console/customers/{ApiId}" };

    /// <summary>Query parameters ([SupplyParameterFromQuery]) that name something of A's, and what they are given.</summary>
    private static readonly Dictionary<string, Func<Tenant, IEnumerable<string>>> QueryIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["order"] = a => [a.PendingOrderNumber, a.PaidOrderNumber],
        ["order_no"] = a => [a.PendingOrderNumber],
        ["userId"] = a => [a.UserId],
        ["email"] = a => [a.Email],
        // Not an id, but it picks what the page shows: every panel is opened.
        ["tab"] = _ => ["signatures", "templates", "updates"],
    };

    /// <summary>Query parameters that carry no id of anybody's, with why.</summary>
    private static readonly Dictionary<string, string> QueryWithoutIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["paid"] = "a flag: back from the payment page",
        ["amount"] = "the sandbox payment page's amount, signed with the order",
        ["subject"] = "the sandbox payment page's subject",
        ["merchant"] = "the sandbox payment page's merchant (the seller's name), signed with the order",
        ["notify_url"] = "the sandbox payment page's notification address",
        ["return_url"] = "the sandbox payment page's return address",
        ["sign"] = "the sandbox payment page's signature",
        ["returnUrl"] = "where sign-in returns to",
        ["code"] = "a one-time code mailed to the person",
        ["rememberMe"] = "a sign-in flag",
    };

    /// <summary>Page routes the matrix cannot call with A's ids, with why. Empty today; an entry needs a reason.</summary>
    private static readonly Dictionary<string, string> PageExceptions = new(StringComparer.Ordinal);

    /// <summary>
    /// What A and the admin see of A's on the prerendered page: proves the marker check looks at what a page shows
    /// (every console page also shows the signed-in person's email). Grid rows load in the interactive circuit, after
    /// the prerender, so records, replies, orders and invoices are checked through their exports and downloads below.
    /// </summary>
    private static readonly Dictionary<(string Template, Caller Caller), Func<TenantWorld, string>> Shown = new()
    {
        [("/console", Caller.CustomerA)] = w => w.A.ApiId,
        [("/console/api-keys", Caller.CustomerA)] = w => w.A.ApiId,
        [("/console/settings", Caller.CustomerA)] = w => w.A.Company,
        [("/console/review", Caller.CustomerA)] = w => w.A.SignatureText,
        [("/console/send", Caller.CustomerA)] = w => w.A.SignatureText,
        [("/console/templates/new", Caller.CustomerA)] = w => w.A.SignatureText,
        // A's template is approved, so the form says it cannot be changed; its preview shows A's signature.
        [("/console/templates/{TemplateId:int}/edit", Caller.CustomerA)] = w => w.A.SignatureText,
        [("/Account/Manage", Caller.CustomerA)] = w => w.A.Email,
        // The outbox holds A's confirmation mail.
        [("/admin/mail", Caller.Admin)] = w => w.A.Email,
        // The admin's page of A shows its API ID and its owner.
        [("/admin/accounts/{AccountId:int}", Caller.Admin)] = w => w.A.ApiId,
        // A reseller sees its own customer's page and its sends on the statistics page (rendered with the page).
        [("/console/customers/{ApiId}", Caller.ResellerR1)] = w => w.C1.Company,
        [("/console/customers/{ApiId}", Caller.ResellerR2)] = w => w.C2.Company,
        [("/console/customers/statistics", Caller.ResellerR1)] = w => w.C1.ApiId,
        [("/console/customers/statistics", Caller.ResellerR2)] = w => w.C2.ApiId,
    };

    private static IEnumerable<(Type Page, string Template)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (t, r.Template)))
            .OrderBy(p => p.Template, StringComparer.Ordinal);

    private static IEnumerable<string> QueryNames(Type page) =>
        page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (p, p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.Item2 is not null)
            .Select(x => x.Item2!.Name ?? x.p.Name);

    public static TheoryData<string, Caller> PageRows()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var (_, template) in Pages().Where(p => !PageExceptions.ContainsKey(p.Template)))
        {
            foreach (var caller in Callers)
            {
                data.Add(template, caller);
            }
        }

        return data;
    }

    [Fact]
    public void EveryPageRouteHasARowAndEveryParameterAnId()
    {
        var unmapped = new List<string>();
        foreach (var (page, template) in Pages().Where(p => !PageExceptions.ContainsKey(p.Template)))
        {
            unmapped.AddRange(RoutePatternFactory.Parse(template).Parameters
                .Where(p => !RouteValues.ContainsKey(p.Name))
                .Select(p => $"{template}: route parameter {{{p.Name}}}"));
            unmapped.AddRange(QueryNames(page)
                .Where(q => !QueryIds.ContainsKey(q) && !QueryWithoutIds.ContainsKey(q))
                .Select(q => $"{template}: query parameter ?{q}="));
        }

        Assert.True(unmapped.Count == 0,
            "Map these to A's ids in TenantIsolationTests (RouteValues / QueryIds), or say why they carry none (QueryWithoutIds):\n" + string.Join('\n', unmapped));
        Assert.True(PageRows().Count >= 50 * Callers.Length, $"only {PageRows().Count} page rows");
    }

    [Theory]
    [MemberData(nameof(PageRows))]
    public async Task APageRouteShowsNothingOfAToAnybodyElse(string template, Caller caller)
    {
        var page = Pages().Single(p => p.Template == template).Page;
        var client = world.ClientOf(caller);
        var shown = Shown.GetValueOrDefault((template, caller));
        var sawShown = false;
        foreach (var url in Urls(page, template))
        {
            using var response = await client.GetAsync(url);
            var seen = await SeenAsync(response);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{caller} GET {url}: {response.StatusCode}");
            foreach (var owner in world.ForeignTo(caller))
            {
                Assert.True(owner.MarkerIn(seen, url) is null, $"LEAK: {caller} GET {url} ({status}) shows {owner.Company}'s \"{owner.MarkerIn(seen, url)}\"");
            }

            var console = template.StartsWith("/console", StringComparison.Ordinal);
            var admin = template.StartsWith("/admin", StringComparison.Ordinal);
            var member = world.MemberOf(caller);
            if (caller == Caller.Anonymous && (console || admin))
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            }
            else if (ResellerCustomerPages.Contains(template) && member is not null)
            {
                var own = (caller == Caller.ResellerR1 && url.Contains(world.C1.ApiId, StringComparison.Ordinal))
                    || (caller == Caller.ResellerR2 && url.Contains(world.C2.ApiId, StringComparison.Ordinal));
                Assert.True(response.StatusCode == (own ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{caller} GET {url}: {response.StatusCode}");
            }
            else if ((member is not null && console) || (caller == Caller.Admin && admin))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{caller} GET {url}: {response.StatusCode}");
                Assert.True(member is null || seen.Contains(member.Email, StringComparison.Ordinal), $"{caller} GET {url} does not show its own person");
            }

            sawShown |= shown is not null && seen.Contains(shown(world), StringComparison.Ordinal);
        }

        Assert.True(shown is null || sawShown, $"{caller} does not see \"{shown?.Invoke(world)}\" on {template}");
    }

    /// <summary>The route with A's ids, bare and with each query parameter that names something of A's.</summary>
    private IEnumerable<string> Urls(Type page, string template)
    {
        var pattern = RoutePatternFactory.Parse(template);
        IEnumerable<string> paths = [template];
        foreach (var parameter in pattern.Parameters)
        {
            var values = RouteValues[parameter.Name](world, page).ToList();
            var placeholder = template[template.IndexOf("{" + parameter.Name, StringComparison.Ordinal)..];
            placeholder = placeholder[..(placeholder.IndexOf('}', StringComparison.Ordinal) + 1)];
            paths = paths.SelectMany(p => values.Select(v => p.Replace(placeholder, Uri.EscapeDataString(v), StringComparison.Ordinal))).ToList();
        }

        var queries = QueryNames(page).Where(QueryIds.ContainsKey)
            .SelectMany(name => QueryIds[name](A).Select(value => $"{name}={Uri.EscapeDataString(value)}"))
            .ToList();
        foreach (var path in paths)
        {
            yield return path;
            foreach (var query in queries)
            {
                yield return path + "?" + query;
            }
        }
    }

    // ---- Endpoints ----------------------------------------------------------------------------------------------

    /// <summary>Every endpoint that is not a page, as "METHOD pattern"; each has a case in <see cref="CallAsync"/>.</summary>
    public static readonly string[] EndpointRowKeys =
    [
        "GET /api/v1/messages/{smsId}",
        "GET /api/v1/balance",
        "GET /api/v1/customers",
        "POST /api/v1/customers",
        "POST /api/v1/customers/{apiId}/transfers",
        "POST /api/v1/customers/{apiId}/take-backs",
        "GET /api/v1/customers/statistics",
        "GET /api/v1/customers/{apiId}/statistics",
        "POST /api/v1/messages",
        "POST /api/v1/messages/batch",
        "GET /webservice/sms.php",
        "POST /webservice/sms.php",
        "GET /sms/Submit.json",
        "POST /sms/Submit.json",
        "GET /sms/GetNum.json",
        "POST /sms/GetNum.json",
        "GET /webservice/isms.php",
        "POST /webservice/isms.php",
        "GET /isms/Submit.json",
        "POST /isms/Submit.json",
        "GET /isms/GetNum.json",
        "POST /isms/GetNum.json",
        "GET /channels/{name}/receipt",
        "POST /channels/{name}/receipt",
        "GET /channels/{name}/reply",
        "POST /channels/{name}/reply",
        "POST /payments/{gateway}/notify",
        "POST /Account/Logout",
        "GET /review/documents/licence/{id:int}",
        "GET /review/documents/signature/{id:int}",
        "GET /admin/sensitive-words/export",
        "GET /culture/set",
        "GET /console/billing/ledger.csv",
        "GET /console/billing/invoices/{id:long}.pdf",
        "GET /console/records/export",
        "GET /console/replies/export",
        "GET /admin/replies/export",
        "GET /console/statistics/export",
        "GET /admin/statistics/export",
        "GET /admin/international/prices.csv",
        "* /health",
        "* /metrics",
        "GET /brand/logo",
        "GET /Account/Captcha",
        "GET /api/{documentName}/openapi.json",
        "GET /api/docs/{documentName?}",
        "GET {**path:file}",
        "* /admin/jobs/{**path}",
        .. VerifyRowKeys,
        .. CatalogueRowKeys,
        .. BatchRowKeys,
        .. InternationalPriceRowKeys,
    ];

    /// <summary>Framework plumbing that serves no account's data: found by pattern, each with why.</summary>
    private static readonly (string Prefix, string Why)[] EndpointExceptions =
    [
        ("/_blazor", "the interactive circuit's hub; what it does is the pages' work, rendered for the signed-in person's account"),
        ("/_framework/", "Blazor's own scripts"),
        ("/api/docs/scalar", "the API reference's own scripts"),
        ("/api/docs/favicon", "the API reference's icon"),
    ];

    public static TheoryData<string, Caller> EndpointRows()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var key in EndpointRowKeys)
        {
            foreach (var caller in Callers)
            {
                data.Add(key, caller);
            }
        }

        return data;
    }

    [Fact]
    public void EveryEndpointHasARow()
    {
        var endpoints = world.Portal.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(k => !EndpointExceptions.Any(x => k[(k.IndexOf(' ', StringComparison.Ordinal) + 1)..].StartsWith(x.Prefix, StringComparison.Ordinal)))
            .Where(k => !k.StartsWith("HEAD ", StringComparison.Ordinal) && !k.StartsWith("OPTIONS ", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        var missing = endpoints.Except(EndpointRowKeys).ToList();
        var gone = EndpointRowKeys.Except(endpoints).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in the isolation matrix (add them to EndpointRowKeys and CallAsync):\n" + string.Join('\n', missing));
        Assert.True(gone.Count == 0, "Rows for endpoints that no longer exist:\n" + string.Join('\n', gone));
    }

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    [Theory]
    [MemberData(nameof(EndpointRows))]
    public Task AnEndpointGivesAndChangesNothingOfAToAnybodyElse(string endpoint, Caller caller) => CallAsync(endpoint, caller);

    private Task CallAsync(string endpoint, Caller caller) => endpoint switch
    {
        "GET /api/v1/messages/{smsId}" => RestMessageAsync(caller),
        "GET /api/v1/balance" => RestBalanceAsync(caller),
        "POST /api/v1/messages" => RestSendAsync(caller, batch: false),
        "POST /api/v1/messages/batch" => RestSendAsync(caller, batch: true),
        "GET /api/v1/customers" or "POST /api/v1/customers" or "POST /api/v1/customers/{apiId}/transfers" or "POST /api/v1/customers/{apiId}/take-backs"
            or "GET /api/v1/customers/statistics" or "GET /api/v1/customers/{apiId}/statistics" => ResellerApiAsync(caller, endpoint),
        "GET /webservice/sms.php" => VendorAsync(caller, json: false, post: false),
        "POST /webservice/sms.php" => VendorAsync(caller, json: false, post: true),
        "GET /sms/Submit.json" or "GET /sms/GetNum.json" => VendorAsync(caller, json: true, post: false),
        "POST /sms/Submit.json" or "POST /sms/GetNum.json" => VendorAsync(caller, json: true, post: true),
        "GET /webservice/isms.php" => InternationalVendorAsync(caller, json: false, post: false),
        "POST /webservice/isms.php" => InternationalVendorAsync(caller, json: false, post: true),
        "GET /isms/Submit.json" or "GET /isms/GetNum.json" => InternationalVendorAsync(caller, json: true, post: false),
        "POST /isms/Submit.json" or "POST /isms/GetNum.json" => InternationalVendorAsync(caller, json: true, post: true),
        "GET /channels/{name}/receipt" or "POST /channels/{name}/receipt" or "GET /channels/{name}/reply" or "POST /channels/{name}/reply" =>
            UpstreamCallbackAsync(caller, endpoint),
        "POST /payments/{gateway}/notify" => PaymentNotificationAsync(caller),
        "POST /Account/Logout" => LogoutAsync(caller),
        "GET /review/documents/licence/{id:int}" => OwnerAndAdminOnlyAsync(caller, $"/review/documents/licence/{A.LicenceId}"),
        "GET /review/documents/signature/{id:int}" => OwnerAndAdminOnlyAsync(caller, $"/review/documents/signature/{A.SignatureId}"),
        "GET /console/billing/invoices/{id:long}.pdf" => OwnerAndAdminOnlyAsync(caller, $"/console/billing/invoices/{A.InvoiceId}.pdf"),
        "GET /admin/sensitive-words/export" => AdminOnlyAsync(caller, "/admin/sensitive-words/export", null),
        "GET /admin/replies/export" => AdminOnlyAsync(caller, "/admin/replies/export?account=" + A.ApiId, A.ReplyText),
        "* /admin/jobs/{**path}" => AdminOnlyAsync(caller, "/admin/jobs", null),
        "GET /console/billing/ledger.csv" => OwnAccountOnlyAsync(caller, "/console/billing/ledger.csv", A.PaidOrderNumber),
        "GET /console/records/export" => OwnAccountOnlyAsync(caller, "/console/records/export?mobile=" + A.Mobile, A.Mobile),
        "GET /console/replies/export" => OwnAccountOnlyAsync(caller, "/console/replies/export?mobile=" + A.Mobile, A.ReplyText),
        "GET /console/statistics/export" => OwnAccountOnlyAsync(caller, "/console/statistics/export?by=template", A.TemplateText),
        "GET /admin/international/prices.csv" => AdminOnlyAsync(caller, "/admin/international/prices.csv", "country,prefix,network"),
        "GET /admin/statistics/export" => AdminOnlyAsync(caller, "/admin/statistics/export?by=template&account=" + A.ApiId, A.TemplateText),
        "GET /culture/set" => NothingOfAnybodysAsync(caller, "/culture/set?culture=en-US&redirectUri=" + Uri.EscapeDataString($"/console/templates/{A.TemplateId}/edit")),
        "* /health" => NothingOfAnybodysAsync(caller, "/health"),
        // The platform's counters carry doors, codes and channels as labels, never an account.
        "* /metrics" => NothingOfAnybodysAsync(caller, "/metrics"),
        "GET /brand/logo" => NothingOfAnybodysAsync(caller, "/brand/logo"),
        // A captcha's picture is nobody's: a forged token gets 404 for everyone.
        "GET /Account/Captcha" => NothingOfAnybodysAsync(caller, "/Account/Captcha?t=forged"),
        "GET /api/{documentName}/openapi.json" => NothingOfAnybodysAsync(caller, "/api/v1/openapi.json"),
        "GET /api/docs/{documentName?}" => NothingOfAnybodysAsync(caller, "/api/docs/v1"),
        "GET {**path:file}" => UploadedFileAsync(caller),
        _ when VerifyRowKeys.Contains(endpoint) => VerifyRowAsync(caller, endpoint),
        _ when CatalogueRowKeys.Contains(endpoint) => CatalogueRowAsync(caller, endpoint),
        _ when BatchRowKeys.Contains(endpoint) => BatchRowAsync(caller, endpoint),
        _ when InternationalPriceRowKeys.Contains(endpoint) => InternationalPriceRowAsync(caller, endpoint),
        _ => throw new InvalidOperationException($"No case for {endpoint} in CallAsync."),
    };

    // ---- Console actions --------------------------------------------------------------------------------------------

    /// <summary>
    /// What the console pages do over their interactive circuit (grids, cancel, delete, resubmit, reveal), where no HTTP
    /// endpoint exists: each page hands the service the signed-in person's account, so a caller's page asks with its own
    /// account and another tenant's ids. Every caller with an account (B, the resellers R1 and R2, their customers C1 and
    /// C2, the direct customer) is tried with the ids of every tenant not its own: A's, B's, C1's and C2's, so a reseller
    /// is tried with its own customer's too (the console's services act on the signed-in account alone; the reseller's
    /// view of its customers has its own rows). Reads find the thing for its owner (the positive control) and not for
    /// the caller; changes by the caller are refused and leave the owner's rows as they were.
    /// </summary>
    public static readonly string[] ConsoleActionKeys =
    [
        "orders: one", "orders: list", "orders: cancel", "orders: pay",
        "invoices: list", "invoices: request",
        "templates: one", "templates: list", "templates: resubmit", "templates: delete",
        "signatures: list", "signatures: resubmit", "signatures: delete",
        "documents: signature", "documents: licence",
        "keys: list", "keys: reveal",
        "records: list", "replies: list", "ledger: list",
    ];

    private static readonly Caller[] AccountCallers =
        [Caller.CustomerB, Caller.ResellerR1, Caller.ResellerR2, Caller.CustomerOfR1, Caller.CustomerOfR2, Caller.DirectCustomer];

    public static TheoryData<string, Caller> ConsoleActions()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var key in ConsoleActionKeys)
        {
            foreach (var caller in AccountCallers)
            {
                data.Add(key, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConsoleActions))]
    public async Task AConsoleActionOnAnotherTenantsIdsFindsAndChangesNothing(string action, Caller caller)
    {
        var accountId = world.MemberOf(caller)!.AccountId;
        foreach (var owner in new[] { A, B, world.C1, world.C2 }.Where(t => t.AccountId != accountId))
        {
            var (finds, changes) = ConsoleAction(action, owner);
            if (finds is not null)
            {
                Assert.True(await finds(owner.AccountId), $"{action}: {owner.Company} does not find its own");
                Assert.False(await finds(accountId), $"LEAK: {action}: {caller} finds {owner.Company}'s");
            }

            if (changes is not null)
            {
                var before = await RowsOfAsync(owner);
                Assert.False(await changes(accountId), $"LEAK: {action}: {caller}'s account changed {owner.Company}'s");
                Assert.Equal(before, await RowsOfAsync(owner));
            }
        }
    }

    private (Func<int, Task<bool>>? Finds, Func<int, Task<bool>>? Changes) ConsoleAction(string action, Tenant t)
    {
        var orders = world.Portal.Service<OrderService>();
        var invoices = world.Portal.Service<InvoiceService>();
        var templates = world.Portal.Service<TemplateReviewService>();
        var signatures = world.Portal.Service<SignatureService>();
        var accounts = world.Portal.Service<AccountService>();
        var none = CancellationToken.None;
        return action switch
        {
            "orders: one" => (async id => await orders.GetAsync(t.PaidOrderId, id, none) is not null, null),
            "orders: list" => (async id => (await orders.SearchAsync(id, null, null, 0, 100, none)).Rows.Any(r => r.Id == t.PaidOrderId), null),
            "orders: cancel" => (null, async id => (await orders.CancelAsync(t.PendingOrderId, id, null, none)).Ok),
            "orders: pay" => (null, async id => (await world.Portal.Service<PaymentService>().StartAsync(t.PendingOrderId, id, SandboxGateway.GatewayName, none)).Result.Ok),
            "invoices: list" => (async id => (await invoices.SearchAsync(id, null, 0, 100, none)).Rows.Any(r => r.Id == t.InvoiceId), null),
            "invoices: request" => (null, async id => (await invoices.RequestAsync(id, t.PaidOrderId, BillingWorld.ChineseCompany(), null, none)).Ok),
            "templates: one" => (async id => await templates.GetAsync(id, t.TemplateId, none) is not null, null),
            "templates: list" => (async id => (await templates.SearchAsync(id, null, 0, 100, none)).Rows.Any(r => r.Id == t.TemplateId), null),
            "templates: resubmit" => (null, async id => (await templates.ResubmitAsync(id, t.TemplateId, "您的订单【order】已取消。", TemplateKind.Notification, null, none)).TemplateId is not null),
            "templates: delete" => (null, id => templates.DeleteAsync(id, t.TemplateId, none)),
            "signatures: list" => (async id => (await signatures.ListAsync(id, none)).Any(r => r.Id == t.SignatureId), null),
            "signatures: resubmit" => (null, async id => (await signatures.ResubmitAsync(id, t.SignatureId, SignaturePurpose.App, null, none)).IsFiled),
            "signatures: delete" => (null, id => signatures.DeleteAsync(id, t.SignatureId, none)),
            "documents: signature" => (async id => await signatures.FindDocumentAsync(id, t.SignatureId, none) is not null, null),
            "documents: licence" => (async id => await world.Portal.Service<VerificationService>().FindLicenceAsync(id, t.LicenceId, none) is not null, null),
            "keys: list" => (async id => (await accounts.ListKeysAsync(id, none)).Any(k => k.Id == t.ApiKeyId), null),
            "keys: reveal" => (async id => await accounts.RevealKeyAsync(id, t.ApiKeyId, none) == t.ApiKey, null),
            "records: list" => (async id => (await world.Portal.Service<MessageRecords>().SearchAsync(id, new RecordFilter(Mobile: t.Mobile), 0, 50, none)).Total > 0, null),
            "replies: list" => (async id => (await world.Portal.Service<ReplyRecords>().SearchAsync(ReplyScope.Of(id), new ReplyFilter(Mobile: t.Mobile), 0, 50, none)).Total > 0, null),
            "ledger: list" => (async id => (await world.Portal.Service<LedgerQueries>().PageAsync(id, new LedgerFilter(), 0, 100, none)).Rows
                .Any(r => $"{r.Reference} {r.Note}".Contains(t.PaidOrderNumber, StringComparison.Ordinal)), null),
            _ => throw new InvalidOperationException($"No case for {action} in ConsoleAction."),
        };
    }

    /// <summary>The tenant's orders, invoices, templates, signatures, keys and verification as stored: what no other account's row may change.</summary>
    private Task<string> RowsOfAsync(Tenant t) => world.Portal.QueryAsync(async db => JsonSerializer.Serialize(new object[]
    {
        await db.Orders.AsNoTracking().Where(o => o.AccountId == t.AccountId).OrderBy(o => o.Id).Select(o => new { o.Id, o.Status, o.Gateway, o.CancelledAt }).ToListAsync(),
        await db.Invoices.AsNoTracking().Where(i => i.AccountId == t.AccountId).OrderBy(i => i.Id).Select(i => new { i.Id, i.OrderId, i.Status }).ToListAsync(),
        await db.MessageTemplates.AsNoTracking().Where(x => x.AccountId == t.AccountId).OrderBy(x => x.Id).Select(x => new { x.Id, x.Text, x.State }).ToListAsync(),
        await db.Signatures.AsNoTracking().Where(x => x.AccountId == t.AccountId).OrderBy(x => x.Id).Select(x => new { x.Id, x.Text, x.State, x.Purpose }).ToListAsync(),
        await db.ApiKeys.AsNoTracking().Where(k => k.AccountId == t.AccountId).OrderBy(k => k.Id).Select(k => new { k.Id, k.RevokedAt }).ToListAsync(),
        await db.EnterpriseVerifications.AsNoTracking().Where(v => v.AccountId == t.AccountId).Select(v => new { v.Id, v.State }).ToListAsync(),
    }));

    /// <summary>REST answers are decided by the X-Api-Id/X-Api-Key headers: every caller with an account sends its own, the admin only its cookie, anonymous nothing.</summary>
    private async Task<HttpResponseMessage> RestAsync(Caller caller, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (world.MemberOf(caller) is { } member)
        {
            request.Headers.Add("X-Api-Id", member.ApiId);
            request.Headers.Add("X-Api-Key", member.ApiKey);
        }

        return await world.ClientOf(caller).SendAsync(request);
    }

    private async Task RestMessageAsync(Caller caller)
    {
        using var response = await RestAsync(caller, HttpMethod.Get, $"/api/v1/messages/{A.SmsId}");
        var seen = await SeenAsync(response);
        if (caller == Caller.CustomerA)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(A.Mobile, seen, StringComparison.Ordinal);
            return;
        }

        AssertNothingOfA(caller, $"GET /api/v1/messages/{A.SmsId}", response, seen);
        Assert.Equal(world.MemberOf(caller) is not null ? HttpStatusCode.NotFound : HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task RestBalanceAsync(Caller caller)
    {
        using var response = await RestAsync(caller, HttpMethod.Get, "/api/v1/balance");
        if (world.MemberOf(caller) is { } tenant)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(await world.Portal.Service<AccountService>().GetBalanceAsync(tenant.AccountId, CancellationToken.None), json.RootElement.GetProperty("balance").GetInt64());
            return;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Sending with A's template: only A may; anybody else is refused and nothing is sent or charged.</summary>
    private async Task RestSendAsync(Caller caller, bool batch)
    {
        var mobile = FreshMobile();
        var before = await SentWithTemplateAsync();
        var templateId = A.TemplateId;
        using var response = batch
            ? await RestAsync(caller, HttpMethod.Post, "/api/v1/messages/batch", new { mobiles = new[] { mobile }, templateId, content = "T1" })
            : await RestAsync(caller, HttpMethod.Post, "/api/v1/messages", new { mobile, templateId, content = "T1" });
        var text = await response.Content.ReadAsStringAsync();
        var accepted = batch
            ? response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(text).RootElement[0].GetProperty("code").GetInt32() == 2
            : response.StatusCode == HttpStatusCode.Accepted;
        var after = await SentWithTemplateAsync();
        if (caller == Caller.CustomerA)
        {
            Assert.True(accepted, $"A sends with its own template: {response.StatusCode} {text}");
            Assert.Equal(before + 1, after);
            return;
        }

        Assert.False(accepted, $"LEAK: {caller} sent with A's template {A.TemplateId}: {response.StatusCode} {text}");
        if (world.MemberOf(caller) is not null)
        {
            // Refused for the template, not for a limit that happened to be hit.
            using var json = JsonDocument.Parse(text);
            var code = (batch ? json.RootElement[0] : json.RootElement).GetProperty("code").GetInt32();
            Assert.True(IsTemplateRefusal(code), $"B with A's template: {text}");
        }

        Assert.Equal(before, after);
        Assert.Null(A.MarkerIn(text));
    }

    /// <summary>
    /// The resellers' API. Callers that are not resellers are refused before anything is looked up: customers (A, B, C1,
    /// C2, the direct customer) with 403, the admin's cookie and no credentials with 401. A reseller is tried with each
    /// foreign API ID (A's, the other reseller's customer's, the other reseller's): 404 every time, nothing of theirs
    /// shows and no credit moves; its own customer is the positive control for the reads. No account is made except by
    /// a reseller creating its own customer. The rows between resellers and their customers over the console's services are in Resellers/ResellerIsolationTests.
    /// </summary>
    private async Task ResellerApiAsync(Caller caller, string endpoint)
    {
        var member = world.MemberOf(caller);
        var reseller = caller is Caller.ResellerR1 or Caller.ResellerR2;
        var own = caller == Caller.ResellerR1 ? world.C1 : world.C2;
        var foreign = reseller ? new[] { A.ApiId, (caller == Caller.ResellerR1 ? world.C2 : world.C1).ApiId, (caller == Caller.ResellerR1 ? world.R2 : world.R1).ApiId } : [A.ApiId, world.C1.ApiId];
        var method = endpoint.StartsWith("GET", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post;
        var path = endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        object? body = endpoint == "POST /api/v1/customers" ? new { name = "Poacher" } : method == HttpMethod.Post ? new { credits = 1, reason = "isolation" } : null;
        var urls = path.Contains("{apiId}", StringComparison.Ordinal) ? foreign.Select(id => path.Replace("{apiId}", id, StringComparison.Ordinal)).ToList() : [path];
        foreach (var url in urls)
        {
            var before = await AccountsAndTransfersAsync();
            using var response = await RestAsync(caller, method, url, body);
            var seen = await SeenAsync(response);
            foreach (var owner in world.ForeignTo(caller))
            {
                AssertNothingOf(owner, caller, url, response, seen);
            }

            var created = reseller && endpoint == "POST /api/v1/customers";
            var expected = member is null ? HttpStatusCode.Unauthorized
                : !reseller ? HttpStatusCode.Forbidden
                : created ? HttpStatusCode.Created
                : urls.Count > 1 ? HttpStatusCode.NotFound
                : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"{caller} {method} {url}: {response.StatusCode} {seen}");
            if (expected == HttpStatusCode.OK && endpoint.EndsWith("statistics", StringComparison.Ordinal) || endpoint == "GET /api/v1/customers" && reseller)
            {
                Assert.Contains(own.ApiId, seen, StringComparison.Ordinal);
            }

            var after = await AccountsAndTransfersAsync();
            Assert.Equal(before.Transfers, after.Transfers);
            Assert.Equal(before.Accounts + (created ? 1 : 0), after.Accounts);
        }

        if (reseller && path.EndsWith("{apiId}/statistics", StringComparison.Ordinal))
        {
            using var mine = await RestAsync(caller, HttpMethod.Get, path.Replace("{apiId}", own.ApiId, StringComparison.Ordinal));
            var seen = await SeenAsync(mine);
            Assert.True(mine.StatusCode == HttpStatusCode.OK, $"{caller} on its own customer's statistics: {mine.StatusCode} {seen}");
            Assert.Contains(own.ApiId, seen, StringComparison.Ordinal);
        }
    }

    private Task<(int Accounts, int Transfers)> AccountsAndTransfersAsync() => world.Portal.QueryAsync(async db =>
        (await db.Accounts.CountAsync(), await db.LedgerEntries.CountAsync(e => e.Kind == SmsPortal.Domain.Ledger.LedgerEntryKind.Transfer)));

    /// <summary>The vendor API: Submit with A's template id, GetNum, AddTemplate; credentials in the form as the vendor's demos send them.</summary>
    private async Task VendorAsync(Caller caller, bool json, bool post)
    {
        var vendor = new VendorClient(world.ClientOf(caller));
        var member = world.MemberOf(caller);
        var (account, password) = member is null ? (A.ApiId, "") : (member.ApiId, member.ApiKey);
        var before = await SentWithTemplateAsync();
        var mobile = FreshMobile();
        var submit = await vendor.SubmitAsync(account, password, mobile, "V1", A.TemplateId.ToString(CultureInfo.InvariantCulture), json, post);
        var num = await vendor.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account, ["password"] = password }, json, post);
        var after = await SentWithTemplateAsync();
        if (caller == Caller.CustomerA)
        {
            Assert.True(submit.Code == 2, $"A submits with its own template: {submit.Code} {submit.Msg}");
            Assert.Equal(before + 1, after);
        }
        else
        {
            Assert.True(submit.Code != 2, $"LEAK: {caller} submitted with A's template {A.TemplateId} ({(json ? "json" : "xml")}, {(post ? "POST" : "GET")})");
            Assert.True(member is null || IsTemplateRefusal(submit.Code), $"{caller} with A's template: {submit.Code} {submit.Msg}");
            Assert.Equal(before, after);
        }

        if (member is not null)
        {
            Assert.Equal((await world.Portal.Service<AccountService>().GetBalanceAsync(member.AccountId, CancellationToken.None)).ToString(CultureInfo.InvariantCulture), num.Num);
        }
        else
        {
            Assert.NotEqual(2, num.Code);
            Assert.True(num.Num is null or "0", $"{caller} GetNum without A's key: {num.Num}");
            var templates = await world.Portal.QueryAsync(db => db.MessageTemplates.CountAsync());
            var added = await vendor.CallAsync("AddTemplate", new Dictionary<string, string> { ["account"] = A.ApiId, ["password"] = "", ["content"] = "您的订单【变量】已发货。" }, json, post);
            Assert.NotEqual(2, added.Code);
            Assert.Equal(templates, await world.Portal.QueryAsync(db => db.MessageTemplates.CountAsync()));
        }
    }

    /// <summary>A forged receipt or reply for A's message and number from outside the channel changes none of A's rows.</summary>
    private async Task UpstreamCallbackAsync(Caller caller, string endpoint)
    {
        var (before, replies) = await MessageAndRepliesAsync();
        var fields = new Dictionary<string, string>
        {
            ["msgid"] = A.SmsId, ["smsid"] = A.SmsId, ["status"] = "UNDELIV", ["mobile"] = A.Mobile, ["content"] = "forged " + A.ReplyText,
        };
        var path = "/channels/simulator/" + (endpoint.Contains("receipt", StringComparison.Ordinal) ? "receipt" : "reply");
        using var response = endpoint.StartsWith("GET", StringComparison.Ordinal)
            ? await world.ClientOf(caller).GetAsync(path + "?" + string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")))
            : await world.ClientOf(caller).PostAsync(path, new FormUrlEncodedContent(fields));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{caller} {endpoint}: {response.StatusCode}");
        Assert.Equal((before, replies), await MessageAndRepliesAsync());
    }

    /// <summary>An unsigned "paid" notification for A's pending order pays nothing, whoever sends it.</summary>
    private async Task PaymentNotificationAsync(Caller caller)
    {
        var balance = await world.Portal.Service<AccountService>().GetBalanceAsync(A.AccountId, CancellationToken.None);
        var fields = new Dictionary<string, string>
        {
            ["notify_id"] = Guid.NewGuid().ToString("N"), ["order_no"] = A.PendingOrderNumber, ["trade_no"] = "SBX-FORGED", ["amount"] = "30.00",
            ["status"] = "SUCCESS", ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), [SandboxGateway.SignField] = "forged",
        };
        using var response = await world.ClientOf(caller).PostAsync($"/payments/{SandboxGateway.GatewayName}/notify", new FormUrlEncodedContent(fields));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OrderStatus.Pending, await world.Portal.QueryAsync(db => db.Orders.Where(o => o.Id == A.PendingOrderId).Select(o => o.Status).SingleAsync()));
        Assert.Equal(balance, await world.Portal.Service<AccountService>().GetBalanceAsync(A.AccountId, CancellationToken.None));
    }

    /// <summary>Sign-out acts on the caller's own cookie, and only with the antiforgery token of its pages: a bare post is refused.</summary>
    private async Task LogoutAsync(Caller caller)
    {
        using var response = await world.ClientOf(caller).PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await A.Client.GetAsync("/console")).StatusCode);
    }

    /// <summary>A's documents: A and the admin download them; B gets 404, anonymous the sign-in page.</summary>
    private async Task OwnerAndAdminOnlyAsync(Caller caller, string url)
    {
        using var response = await world.ClientOf(caller).GetAsync(url);
        switch (caller)
        {
            case Caller.CustomerA or Caller.Admin:
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{caller} GET {url}: {response.StatusCode}");
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
                break;
            case var other when world.MemberOf(other) is not null:
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"LEAK: {caller} GET {url}: {response.StatusCode}");
                AssertNothingOfA(caller, url, response, await SeenAsync(response));
                break;
            default:
                AssertSentToSignIn(url, response);
                break;
        }
    }

    private async Task AdminOnlyAsync(Caller caller, string url, string? shownToAdmin)
    {
        using var response = await world.ClientOf(caller).GetAsync(url);
        var seen = await SeenAsync(response);
        switch (caller)
        {
            case Caller.Admin:
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"admin GET {url}: {response.StatusCode}");
                Assert.True(shownToAdmin is null || seen.Contains(shownToAdmin, StringComparison.Ordinal), $"the admin does not see \"{shownToAdmin}\" in {url}");
                break;
            case Caller.Anonymous:
                AssertSentToSignIn(url, response);
                break;
            default:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
                AssertNothingOf(caller == Caller.CustomerA ? B : A, caller, url, response, seen);
                break;
        }
    }

    /// <summary>An export of the signed-in person's account: A's holds A's marker, B's none of A's, the admin (no account) and anonymous get nothing.</summary>
    private async Task OwnAccountOnlyAsync(Caller caller, string url, string shownToA)
    {
        using var response = await world.ClientOf(caller).GetAsync(url);
        var seen = await SeenAsync(response);
        switch (caller)
        {
            case Caller.CustomerA:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains(shownToA, seen, StringComparison.Ordinal);
                AssertNothingOf(B, caller, url, response, seen);
                break;
            case Caller.Anonymous:
                AssertSentToSignIn(url, response);
                break;
            default:
                AssertNothingOfA(caller, url, response, seen);
                break;
        }
    }

    private async Task NothingOfAnybodysAsync(Caller caller, string url)
    {
        using var response = await world.ClientOf(caller).GetAsync(url);
        var seen = await SeenAsync(response);
        Assert.True((int)response.StatusCode < 500, $"{caller} GET {url}: {response.StatusCode}");
        AssertNothingOf(A, caller, url, response, seen);
        AssertNothingOf(B, caller, url, response, seen);
    }

    private static void AssertNothingOf(Tenant owner, Caller caller, string url, HttpResponseMessage response, string seen) =>
        Assert.True(owner.MarkerIn(seen, url) is null, $"LEAK: {caller} {url} ({(int)response.StatusCode}) shows {(owner.Company)}'s \"{owner.MarkerIn(seen, url)}\"");

    private void AssertNothingOfA(Caller caller, string url, HttpResponseMessage response, string seen) => AssertNothingOf(A, caller, url, response, seen);

    /// <summary>4071 (no such template filed) or 4072 (text matches no approved template): what another account's template id gets.</summary>
    private static bool IsTemplateRefusal(int code) => code is (int)ResultCode.NoTemplateFiled or (int)ResultCode.TemplateMismatch;

    private static int _mobiles;

    /// <summary>A number nobody has sent to yet: the per-number limits (one a second, so many a day) never decide a row.</summary>
    private static string FreshMobile() => "13933" + Interlocked.Increment(ref _mobiles).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Uploads never leave as files: A's stored document under its own name, at the root and under /uploads, is nobody's.</summary>
    private async Task UploadedFileAsync(Caller caller)
    {
        var file = await world.Portal.QueryAsync(db => db.Signatures.Where(s => s.Id == A.SignatureId).Select(s => s.Document!.FileName).SingleAsync());
        foreach (var url in new[] { "/" + file, "/uploads/" + file })
        {
            using var response = await world.ClientOf(caller).GetAsync(url);
            Assert.True(response.StatusCode != HttpStatusCode.OK, $"LEAK: {caller} GET {url} serves A's upload");
        }
    }

    private static void AssertSentToSignIn(string url, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"anonymous GET {url}: {response.StatusCode}");
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    /// <summary>Everything a caller is shown: the body (HTML entities decoded) and where a redirect points.</summary>
    private static async Task<string> SeenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body + "\n" + WebUtility.HtmlDecode(body) + "\n" + WebUtility.UrlDecode(response.Headers.Location?.OriginalString ?? "");
    }

    private Task<int> SentWithTemplateAsync() =>
        world.Portal.QueryAsync(db => db.Messages.CountAsync(m => m.TemplateId == A.TemplateId));

    private Task<(string, int)> MessageAndRepliesAsync() =>
        world.Portal.QueryAsync(async db => (
            (await db.Messages.AsNoTracking().SingleAsync(m => m.Id == A.MessageId)).Status.ToString() + "/" + (await db.Messages.AsNoTracking().SingleAsync(m => m.Id == A.MessageId)).UpstreamStatus,
            await db.Replies.CountAsync(r => r.AccountId == A.AccountId)));
}
