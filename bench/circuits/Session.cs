using System.Net;
using System.Text.RegularExpressions;

namespace SmsPortal.Bench.Circuits;

/// <summary>
/// A person at the portal's static identity pages: register, confirm through the mailed link, sign in. The portal
/// runs behind a TLS-terminating proxy as in production (X-Forwarded-Proto: https from a known proxy), so its cookies
/// are Secure: this keeps them itself rather than in a CookieContainer, which would not send them over http.
/// </summary>
public sealed partial class Session(Uri portal)
{
    private readonly Dictionary<string, string> cookies = [];

    /// <summary>Registers a customer through the register page and confirms the address with the link mailed to the pickup folder.</summary>
    public async Task RegisterAsync(string email, string password, string mailFolder)
    {
        using var client = Client();
        var registered = await SubmitAsync(client, "Account/Register", "register", new()
        {
            ["Input.Company"] = "Circuits bench Ltd",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Expect(registered, HttpStatusCode.Redirect, "register");
        var link = ConfirmationLink(mailFolder, email);
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'));
        Expect(confirmed, HttpStatusCode.OK, "confirm");
    }

    /// <summary>Signs in through the login page and returns the Cookie header a browser would send afterwards.</summary>
    public async Task<string> SignInAsync(string email, string password)
    {
        using var client = Client();
        var signedIn = await SubmitAsync(client, "Account/Login", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Expect(signedIn, HttpStatusCode.Redirect, "sign in");
        return CookieHeader();
    }

    private string CookieHeader() => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));

    private HttpClient Client() =>
        new(new Jar(this, new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })) { BaseAddress = portal };

    /// <summary>Sends the kept cookies and the proxy's header with every request, and keeps the cookies the answers set.</summary>
    private sealed class Jar(Session session, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("Accept-Language", "en");
            if (session.cookies.Count > 0)
            {
                request.Headers.Add("Cookie", session.CookieHeader());
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    var pair = cookie.Split(';')[0];
                    var at = pair.IndexOf('=', StringComparison.Ordinal);
                    var value = pair[(at + 1)..];
                    if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        session.cookies.Remove(pair[..at]);
                    }
                    else
                    {
                        session.cookies[pair[..at]] = value;
                    }
                }
            }

            return response;
        }
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string form, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        // The form's hidden inputs (the antiforgery token), then what the person typed.
        var values = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            values[WebUtility.HtmlDecode(input.Groups["name"].Value)] = WebUtility.HtmlDecode(input.Groups["value"].Value);
        }

        values["_handler"] = form;
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        return await client.PostAsync(page, new FormUrlEncodedContent(values));
    }

    private static string ConfirmationLink(string mailFolder, string email)
    {
        foreach (var file in new DirectoryInfo(mailFolder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc))
        {
            var text = File.ReadAllText(file.FullName);
            if (text.Contains(email, StringComparison.OrdinalIgnoreCase))
            {
                // The HTML part is quoted-printable: undo soft line breaks and =3D before looking for the link.
                var decoded = text.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
                var href = Href().Match(decoded);
                if (href.Success)
                {
                    return WebUtility.HtmlDecode(href.Groups[1].Value);
                }
            }
        }

        throw new InvalidOperationException($"No confirmation mail to {email} in {mailFolder}.");
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string step)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{step}: {(int)response.StatusCode} instead of {(int)status} ({response.Headers.Location})");
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("href=\"(https?://[^\"]+)\"")]
    private static partial Regex Href();
}
