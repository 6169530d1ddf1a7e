using Microsoft.AspNetCore.Diagnostics;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Http;
using SmsPortal.Web.Features.VendorApi;

namespace SmsPortal.Web.Features.Channels;

/// <summary>
/// Where HTTP providers report back: GET or POST /channels/{name}/receipt and /channels/{name}/reply, fields in the
/// query or the body (form, JSON, any declared charset, as the vendor API reads them). The Vendor preset takes the
/// vendor's own push forms and answers <c>success</c>, so another SmsPortal (or the vendor) can push here.
/// </summary>
internal static class HttpChannelCallbacks
{
    public static void MapHttpChannelCallbacks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/channels/{name}/receipt", ["GET", "POST"], (string name, HttpContext context, HttpChannelCallbackHandler handler, IUpstreamEvents events, CancellationToken cancellationToken) =>
            HandleAsync(name, HttpCallbackKind.Receipt, context, handler, events, cancellationToken)).DisableAntiforgery();
        endpoints.MapMethods("/channels/{name}/reply", ["GET", "POST"], (string name, HttpContext context, HttpChannelCallbackHandler handler, IUpstreamEvents events, CancellationToken cancellationToken) =>
            HandleAsync(name, HttpCallbackKind.Reply, context, handler, events, cancellationToken)).DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(string name, HttpCallbackKind kind, HttpContext context, HttpChannelCallbackHandler handler, IUpstreamEvents events, CancellationToken cancellationToken)
    {
        // A machine interface answers with its own status codes, not the console's error pages.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        var request = context.Request;
        byte[] body = [];
        if (!HttpMethods.IsGet(request.Method))
        {
            request.EnableBuffering(VendorParameters.MaxBodyBytes, VendorParameters.MaxBodyBytes);
            using var copy = new MemoryStream();
            try
            {
                await request.Body.CopyToAsync(copy, cancellationToken);
            }
            catch (IOException)
            {
                return Results.Text("body too large or broken off", statusCode: StatusCodes.Status400BadRequest);
            }

            if (copy.Length > VendorParameters.MaxBodyBytes)
            {
                return Results.Text("body too large", statusCode: StatusCodes.Status400BadRequest);
            }

            body = copy.ToArray();
            request.Body.Position = 0;
        }

        var parameters = await VendorParameters.ReadAsync(request, cancellationToken);
        if (parameters is null)
        {
            return Results.Text("body too large", statusCode: StatusCodes.Status400BadRequest);
        }

        var callback = new HttpCallback(parameters.All, request.Query["token"].FirstOrDefault(), request.Headers[HttpChannelCallbackHandler.SignatureHeader].FirstOrDefault(), body, context.Connection.RemoteIpAddress);
        var result = await handler.HandleAsync(name, kind, callback, events, cancellationToken);
        return Results.Text(result.Body, "text/plain", statusCode: result.Status);
    }
}
