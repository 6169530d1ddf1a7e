using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>Section "Verify".</summary>
public sealed class VerifyOptions
{
    public const string Section = "Verify";

    /// <summary>
    /// The key codes are derived and hashed under, base64, at least 32 bytes. Unset: one is made on first use and kept in
    /// the database encrypted with the data-protection keys. Set it where the database must not hold even that.
    /// </summary>
    public string? CodeKey { get; set; }
}

internal sealed class VerifyOptionsValidator : IValidateOptions<VerifyOptions>
{
    public ValidateOptionsResult Validate(string? name, VerifyOptions options)
    {
        if (string.IsNullOrEmpty(options.CodeKey))
        {
            return ValidateOptionsResult.Success;
        }

        Span<byte> bytes = stackalloc byte[options.CodeKey.Length];
        return Convert.TryFromBase64String(options.CodeKey, bytes, out var written) && written >= 32
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Verify:CodeKey must be base64 of at least 32 bytes.");
    }
}
