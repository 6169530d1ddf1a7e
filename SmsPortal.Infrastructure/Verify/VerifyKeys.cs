using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Platform;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>The two keys of Verify, both derived (HKDF-SHA256) from one master key: one makes codes from seeds, one hashes codes for checking.</summary>
public sealed class VerifyKeys(IOptions<VerifyOptions> options, StoredKeys stored)
{
    private (byte[] Code, byte[] Check)? _keys;

    public async Task<(byte[] Code, byte[] Check)> GetAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } known)
        {
            return known;
        }

        var master = string.IsNullOrEmpty(options.Value.CodeKey)
            ? await stored.GetAsync("VerifyCodeKey", cancellationToken)
            : Convert.FromBase64String(options.Value.CodeKey);
        var keys = (
            HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.ASCII.GetBytes("SmsPortal.Verify.Code.v1")),
            HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.ASCII.GetBytes("SmsPortal.Verify.Check.v1")));
        _keys = keys;
        return keys;
    }
}
