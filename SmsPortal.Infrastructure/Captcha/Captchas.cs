using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Captcha;

/// <summary>
/// The image captcha of the portal's own public pages that send an SMS. A challenge is a token: its random id, its
/// expiry and its answer, encrypted with the data-protection keys, so the page carries it and no node needs to remember
/// it; the image is drawn from the token. A token is checked once, right or wrong: its id goes into
/// <c>UsedCaptchas</c> first (the primary key refuses a second use on any node), so an answer read once cannot be replayed.
/// </summary>
public sealed class Captchas(IDataProtectionProvider protection, ICaptchaText texts, IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("SmsPortal.Captcha.v1");
    private long _nextCleanTicks;

    /// <summary>A new challenge's token (a new answer every time).</summary>
    public string Issue()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{id}|{expires}|{texts.Next()}"));
    }

    /// <summary>The PNG of a token's answer; null for a token that is not ours or has expired.</summary>
    public byte[]? Image(string? token) => Open(token) is { } challenge ? CaptchaImage.Render(challenge.Answer) : null;

    /// <summary>True when <paramref name="answer"/> is the token's answer (letter case and blanks aside) and the token was never checked before.</summary>
    public async Task<bool> CheckAsync(string? token, string? answer, CancellationToken cancellationToken)
    {
        if (Open(token) is not { } challenge)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = Interlocked.Read(ref _nextCleanTicks);
        if (due <= now.UtcTicks && Interlocked.CompareExchange(ref _nextCleanTicks, now.AddMinutes(1).UtcTicks, due) == due)
        {
            await db.UsedCaptchas.Where(u => u.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }

        db.UsedCaptchas.Add(new UsedCaptcha { Id = challenge.Id, ExpiresAt = challenge.ExpiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false;
        }

        var typed = (answer ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(typed), System.Text.Encoding.ASCII.GetBytes(challenge.Answer));
    }

    private Challenge? Open(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = plain.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return expires <= clock.GetUtcNow() ? null : new Challenge(parts[0], expires, parts[2]);
    }

    private sealed record Challenge(string Id, DateTimeOffset ExpiresAt, string Answer);
}
