using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace SmsPortal.Web.Features.Identity;

/// <summary>How a status message reads: shown green, red or blue by the StatusMessage component.</summary>
public enum StatusKind
{
    Success,
    Error,
    Info,
}

internal sealed class IdentityRedirectManager(NavigationManager navigationManager, IStringLocalizer<IdentityText> text)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative)
            || uri.StartsWith("//", StringComparison.Ordinal))
        {
            uri = navigationManager.ToBaseRelativePath(uri);
        }

        navigationManager.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    /// <summary>Redirects with a one-shot message (a short-lived cookie read by the StatusMessage component).</summary>
    public void RedirectToWithStatus(string uri, string message, HttpContext context, StatusKind kind = StatusKind.Success)
    {
        context.Response.Cookies.Append(StatusCookieName, FormatStatus(kind, message), StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context, StatusKind kind = StatusKind.Success)
        => RedirectToWithStatus(CurrentPath, message, context, kind);

    public void RedirectToInvalidUser(HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", text["InvalidUser.Body"], context, StatusKind.Error);

    /// <summary>The cookie holds "kind:message"; the kind is a fixed word, so a message can never fake another kind.</summary>
    public static string FormatStatus(StatusKind kind, string message) => $"{kind.ToString().ToLowerInvariant()}:{message}";

    public static (StatusKind Kind, string Message) ParseStatus(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Enum.TryParse<StatusKind>(value[..colon], ignoreCase: true, out var kind) && Enum.IsDefined(kind))
        {
            return (kind, value[(colon + 1)..]);
        }

        return (StatusKind.Info, value);
    }
}
