using System.Net;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Security;

/// <summary>A page answering a failed form never carries the typed password back (view-source, caches, shoulder surfers).</summary>
public sealed class PasswordEchoTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task AWrongPasswordOnTheSignInFormIsNotInTheAnsweringPage()
    {
        const string typed = "Wrong#Echo2026";

        var answer = await People.SignInAsync(Portal.CreateBrowserLikeClient(), PortalFactory.AdminEmail, typed);

        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("The email or password is wrong.", await Forms.TextOfAsync(answer), StringComparison.Ordinal);
        Assert.DoesNotContain(typed, html, StringComparison.Ordinal);
        Assert.Contains(PortalFactory.AdminEmail, html, StringComparison.Ordinal); // the email is kept, only the password goes
    }

    [Fact]
    public async Task ARegistrationRefusedByIdentityOrByTheFormIsAnsweredWithoutThePassword()
    {
        const string typed = "Taken#Echo2026";
        await People.RegisterAsync(Portal.CreateBrowserLikeClient(), "echo-taken@example.com", "First#Echo2026");

        var taken = await People.RegisterAsync(Portal.CreateBrowserLikeClient(), "echo-taken@example.com", typed);
        var mismatched = await Forms.SubmitAsync(Portal.CreateBrowserLikeClient(), "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Company"] = "Echo Ltd",
            ["Input.Email"] = "echo-mismatch@example.com",
            ["Input.Password"] = typed,
            ["Input.ConfirmPassword"] = typed + "x",
        });

        foreach (var answer in new[] { taken, mismatched })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.DoesNotContain(typed, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("register-errors", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("echo-mismatch@example.com", await mismatched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongCurrentPasswordOnTheChangePasswordFormIsNotInTheAnsweringPage()
    {
        const string typed = "NotMine#Echo2026";
        var client = await People.RegisteredCustomerAsync(Portal, $"echo-{Guid.NewGuid():N}@example.com");

        var answer = await Forms.SubmitAsync(client, "/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = typed,
            ["Input.NewPassword"] = typed + "new",
            ["Input.ConfirmPassword"] = typed + "new",
        });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain(typed, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
