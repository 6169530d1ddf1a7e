using Microsoft.Extensions.Localization;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Web.Features.RestApi;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>A new customer of the reseller calling.</summary>
/// <param name="Name">The customer's name (a company or a person), at most 100 characters.</param>
/// <param name="Email">
/// Optional: a person's e-mail. They become the customer's user and are mailed, in the reseller's name, a link on the
/// reseller's host to set their password (it works once and expires in a day). An address that already signs in is refused.
/// </param>
public sealed record CreateCustomerRequest(string? Name, string? Email = null);

/// <summary>The new customer's API credentials: the key is shown this once.</summary>
/// <param name="TrialCredits">Trial credits moved to it from the reseller's balance (0 when the reseller gives none or its balance is short).</param>
/// <param name="InvitedEmail">The person invited to set a password, when the request named one.</param>
public sealed record CreatedCustomerResponse(string ApiId, string ApiKey, long TrialCredits, string? InvitedEmail);

/// <summary>One of the reseller's customers.</summary>
/// <param name="Status">"active" or "frozen".</param>
public sealed record CustomerResponse(string ApiId, string Name, string Status, long Balance, DateTimeOffset CreatedAt);

public sealed record CustomerListResponse(IReadOnlyList<CustomerResponse> Customers, int Total);

/// <summary>Credits to move between the reseller and one of its customers.</summary>
/// <param name="Credits">Whole SMS, above zero; never more than the giving side holds.</param>
/// <param name="Reason">Why, 2 to 40 characters: kept on both ledgers and in the audit.</param>
public sealed record TransferRequest(long Credits, string? Reason);

/// <summary>Both balances once the credits have moved.</summary>
public sealed record TransferResponse(long ResellerBalance, long CustomerBalance);

/// <summary>
/// The reseller's part of REST /api/v1, with the reseller's own API key: its customers and the credits it moves to and
/// from them. Another reseller's customer and a direct customer of the platform answer 404, as an unknown one does.
/// A refusal is a problem document whose `error` names the reason.
/// </summary>
internal static class ResellerApiEndpoints
{
    public static void MapResellerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = RestApiEndpoints.Group(endpoints, "/api/v1", "Customers (resellers)");
        api.MapGet("/customers", ListAsync).WithSummary("The reseller's customers with their balances");
        api.MapPost("/customers", CreateAsync).WithSummary("Create a customer of the reseller");
        api.MapPost("/customers/{apiId}/transfers", TransferAsync).WithSummary("Move credits from the reseller's balance to a customer");
        api.MapPost("/customers/{apiId}/take-backs", TakeBackAsync).WithSummary("Take a customer's unspent credits back to the reseller");
    }

    private static async Task<IResult> ListAsync(HttpContext http, int? skip, int? take, string? search, SubmissionService submissions, ResellerCustomers customers, IStringLocalizer<ResellerText> L, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        var page = await customers.SearchAsync(reseller.Value, search, skip ?? 0, take ?? 50, cancellationToken);
        return Results.Ok(new CustomerListResponse(page.Rows.Select(r => new CustomerResponse(r.ApiId, r.Name, r.Status == AccountStatus.Frozen ? "frozen" : "active", r.Balance, r.CreatedAt)).ToList(), page.Total));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateCustomerRequest request, SubmissionService submissions, ResellerCustomers customers, CustomerInvitations invitations,
        IStringLocalizer<ResellerText> L, IStringLocalizer<InvitationText> invitationL, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        var created = await invitations.CreateAsync(reseller.Value, request.Name, request.Email, cancellationToken);
        return created.Ok
            ? Results.Created($"/api/v1/customers/{created.ApiId}", new CreatedCustomerResponse(created.ApiId!, created.ApiKey!, created.TrialCredits, created.InvitedEmail))
            : Refusal(created.Error!.StartsWith("Invitation.", StringComparison.Ordinal) ? invitationL : L, created.Error!);
    }

    private static Task<IResult> TransferAsync(HttpContext http, string apiId, TransferRequest request, SubmissionService submissions, ResellerCustomers customers, CreditTransfers transfers, IStringLocalizer<ResellerText> L, CancellationToken cancellationToken) =>
        MoveAsync(http, apiId, request, submissions, customers, transfers, L, takeBack: false, cancellationToken);

    private static Task<IResult> TakeBackAsync(HttpContext http, string apiId, TransferRequest request, SubmissionService submissions, ResellerCustomers customers, CreditTransfers transfers, IStringLocalizer<ResellerText> L, CancellationToken cancellationToken) =>
        MoveAsync(http, apiId, request, submissions, customers, transfers, L, takeBack: true, cancellationToken);

    private static async Task<IResult> MoveAsync(HttpContext http, string apiId, TransferRequest request, SubmissionService submissions, ResellerCustomers customers, CreditTransfers transfers, IStringLocalizer<ResellerText> L, bool takeBack, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        var actor = ActorOf(http);
        var result = takeBack
            ? await transfers.TakeBackAsync(reseller.Value, apiId, request.Credits, request.Reason, actor, cancellationToken)
            : await transfers.TransferAsync(reseller.Value, apiId, request.Credits, request.Reason, actor, cancellationToken);
        return result.Ok ? Results.Ok(new TransferResponse(result.ResellerBalance, result.CustomerBalance)) : Refusal(L, result.Error!);
    }

    /// <summary>The calling account when its key is right and it is a reseller; otherwise the answer to give.</summary>
    internal static async Task<(int? ResellerId, IResult? Refused)> ResellerAsync(HttpContext http, SubmissionService submissions, ResellerCustomers customers, IStringLocalizer<ResellerText> L, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return (null, refused);
        }

        return await customers.IsResellerAsync(profile.AccountId, cancellationToken) ? (profile.AccountId, null) : (null, Refusal(L, "Error.NotAReseller"));
    }

    /// <summary>Who the audit names for a reseller's call: its API ID.</summary>
    internal static BillingActor ActorOf(HttpContext http)
    {
        var callerApiId = http.Request.Headers["X-Api-Id"].ToString();
        return new BillingActor("api:" + callerApiId, "API " + callerApiId);
    }

    internal static IResult Refusal(IStringLocalizer L, string error) => Refusal(error, L[error]);

    internal static IResult Refusal(string error, string title) => Results.Problem(
        title: title,
        statusCode: error switch
        {
            "Error.NotAReseller" or "Error.ResellerFrozen" => StatusCodes.Status403Forbidden,
            "Error.NotYourCustomer" or "Error.UnknownPackage" => StatusCodes.Status404NotFound,
            "Error.TransferOverBalance" or "Error.TakeBackOverBalance" => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        extensions: new Dictionary<string, object?> { ["error"] = error });
}
