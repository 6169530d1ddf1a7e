using System.Net;
using AngleSharp.Html.Parser;

namespace SmsPortal.Tests.Support;

/// <summary>Fills and posts the static server-rendered forms as a browser would: antiforgery token and handler name included.</summary>
public static class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await SubmitInAsync(client, pageUrl, await page.Content.ReadAsStringAsync(), formName, fields);
    }

    /// <summary>Posts a form of a page the client already has (<paramref name="html"/>), as when a form's answer holds the next form.</summary>
    public static async Task<HttpResponseMessage> SubmitInAsync(HttpClient client, string pageUrl, string html, string formName, IDictionary<string, string> fields)
    {
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("form")
            .FirstOrDefault(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"{pageUrl} has no form named {formName}.");
        // What the page put in the form (hidden codes, the token, the handler), then what the person typed.
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name]"))
        {
            if (input.GetAttribute("type") is not ("checkbox" or "submit"))
            {
                values[input.GetAttribute("name")!] = input.GetAttribute("value") ?? "";
            }
        }

        values["_handler"] = formName;
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    public static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.Body?.TextContent ?? "";
    }
}
