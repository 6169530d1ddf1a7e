using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Features.Verify;

namespace SmsPortal.Tests.Support;

/// <summary>The pages that sign up and sign in by phone, as a visitor uses them, with the captcha answered from <see cref="RecordedCaptchas"/>.</summary>
public sealed class PhoneCodePages(PortalFactory portal, RecordedCaptchas captchas)
{
    public const string SignUp = "/Account/RegisterByPhone";
    public const string SignIn = "/Account/LoginByPhone";
    public const string ResetPassword = "/Account/ResetPasswordByPhone";

    /// <summary>Opens the page and asks for a code; <paramref name="answer"/> picks what to type from the right answer.</summary>
    public async Task<HttpResponseMessage> AskForCodeAsync(HttpClient client, string page, string mobile, Func<string, string>? answer = null)
    {
        var opened = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var html = await opened.Content.ReadAsStringAsync();
        var typed = (answer ?? (a => a))(captchas.Last);
        return await Forms.SubmitInAsync(client, page, html, "phone-send", new Dictionary<string, string> { ["Send.Mobile"] = mobile, ["Send.CaptchaAnswer"] = typed });
    }

    /// <summary>Types the code into the form the answer to <see cref="AskForCodeAsync"/> holds.</summary>
    public static async Task<HttpResponseMessage> EnterCodeAsync(HttpClient client, string page, HttpResponseMessage codeStep, string code, string? company = null, string? newPassword = null)
    {
        var fields = new Dictionary<string, string> { ["Code.Code"] = code };
        if (company is not null)
        {
            fields["Code.Company"] = company;
        }

        if (newPassword is not null)
        {
            fields["Code.NewPassword"] = newPassword;
            fields["Code.ConfirmPassword"] = newPassword;
        }

        return await Forms.SubmitInAsync(client, page, await codeStep.Content.ReadAsStringAsync(), "phone-code", fields);
    }

    /// <summary>Opens a trial account by phone through the pages and returns the client, signed in.</summary>
    public async Task<HttpClient> SignedUpAsync(string mobile, string company = "Phone Trial Ltd")
    {
        var client = portal.CreateBrowserLikeClient();
        var asked = await AskForCodeAsync(client, SignUp, mobile);
        var opened = await EnterCodeAsync(client, SignUp, asked, await CodeSentToAsync(mobile), company);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return client;
    }

    /// <summary>The code in the newest SMS to <paramref name="mobile"/>, once the simulator has delivered it.</summary>
    public async Task<string> CodeSentToAsync(string mobile)
    {
        string? text = null;
        await Eventually.HoldsAsync(async () =>
        {
            var message = await portal.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.Mobile == mobile).OrderByDescending(m => m.Id).FirstOrDefaultAsync());
            text = message?.Text;
            return message?.Status == MessageStatus.Delivered;
        }, $"the simulator delivers the code to {mobile}");
        return VerifyRestClient.CodeOf(text!);
    }

    public Task<int> MessagesToAsync(string mobile) => portal.QueryAsync(db => db.Messages.CountAsync(m => m.Mobile == mobile));

    /// <summary>The captcha token of a page's send form.</summary>
    public static string TokenIn(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("input[name='Send.CaptchaToken']")?.GetAttribute("value") ?? throw new InvalidOperationException("The page has no captcha.");

    /// <summary>The text of the alert on a page (status, error).</summary>
    public static async Task<string> AlertOfAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=status-message]")?.TextContent.Trim() ?? "";
}
