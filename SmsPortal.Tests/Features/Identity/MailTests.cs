using System.Net;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Identity;

public sealed class MailTests
{
    [Fact]
    public async Task WithAnSmtpServerConfiguredTheConfirmationGoesOutBySmtpAndNotToThePickupFolder()
    {
        await using var smtp = new SmtpSink();
        await using var portal = new PortalFactory();
        portal.Settings["Mail:SmtpHost"] = "127.0.0.1";
        portal.Settings["Mail:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        portal.Settings["Mail:Security"] = "None";
        portal.Settings["Mail:From"] = "Portal <noreply@portal.example>";
        var email = $"smtp-{Guid.NewGuid():N}@example.com";

        var registered = await People.RegisterAsync(portal.CreateBrowserLikeClient(), email, "Smtp#2026pass");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("noreply@portal.example", message.From);
        Assert.Equal([email], message.To);
        Assert.Contains("Account/ConfirmEmail", message.Data, StringComparison.Ordinal);
        Assert.False(Directory.Exists(portal.MailFolder) && Directory.EnumerateFiles(portal.MailFolder).Any());
    }

    [Fact]
    public async Task WithoutSmtpEveryMailIsKeptForTheAdminsOutbox()
    {
        await using var portal = new PortalFactory();
        var email = $"pickup-{Guid.NewGuid():N}@example.com";
        await People.RegisterAsync(portal.CreateBrowserLikeClient(), email, "Pickup#2026pass");
        var admin = portal.CreateBrowserLikeClient();
        await People.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var outbox = await Forms.TextOfAsync(await admin.GetAsync("/admin/mail"));

        Assert.Contains(email, outbox, StringComparison.Ordinal);
        Assert.Contains("Confirm your SmsPortal account", outbox, StringComparison.Ordinal);
    }
}
