using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

/// <summary>Accounts and files for the review tests, made through the portal's own services.</summary>
internal static class ReviewData
{
    public static readonly Reviewer Admin = new("admin-user-id", PortalFactory.AdminEmail);

    /// <summary>A fresh account (no person) through AccountService, as registration makes one.</summary>
    public static async Task<int> NewAccountAsync(PortalFactory portal, string name = "Review Test Co")
    {
        var accounts = portal.Service<AccountService>();
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsPortalDbContext>();
        var account = await accounts.DraftAsync(db, new NewAccount(name, AccountKind.Customer, null, null, null), CancellationToken.None);
        await accounts.AddAsync(db, account, 50, CancellationToken.None);
        return account.Id;
    }

    /// <summary>The account of a person who registered through the pages.</summary>
    public static async Task<int> AccountOfAsync(PortalFactory portal, string email) =>
        (await People.FindAsync(portal, email))!.AccountId!.Value;

    /// <summary>A PNG: the 8-byte signature, then filler up to <paramref name="length"/> bytes.</summary>
    public static byte[] Png(int length = 256)
    {
        var bytes = new byte[Math.Max(length, 8)];
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        magic.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Html() => Encoding.UTF8.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>");

    public static MemoryStream Stream(byte[] bytes) => new(bytes);

    public static string[] StoredUploads(PortalFactory portal) =>
        Directory.Exists(portal.UploadFolder) ? Directory.GetFiles(portal.UploadFolder, "*", SearchOption.AllDirectories) : [];

    public static async Task<string> PageTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.TextOfAsync(response);
    }
}
