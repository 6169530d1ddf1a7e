using System.Text.RegularExpressions;

namespace SmsPortal.Infrastructure.Records;

/// <summary>
/// Why a message failed, read from what the upstream answered (stored raw on the message): the code is the
/// upstream's own word and is shown as it is; the kind is put into the reader's language.
/// </summary>
public sealed partial record FailureReason(FailureKind Kind, string? Code, string? Error)
{
    private const int MaxOther = 80;

    public static FailureReason? Of(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (raw == "no receipt")
        {
            return new FailureReason(FailureKind.NoReceipt, null, null);
        }

        if (raw.StartsWith("not sent:", StringComparison.Ordinal))
        {
            return new FailureReason(FailureKind.NotSent, null, null);
        }

        if (ReceiptState().Match(raw) is { Success: true } state)
        {
            var error = ReceiptError().Match(raw);
            return new FailureReason(FailureKind.Undelivered, state.Groups[1].Value.ToUpperInvariant(), error.Success ? error.Groups[1].Value : null);
        }

        if (EsmeStatus().Match(raw) is { Success: true } esme)
        {
            return new FailureReason(FailureKind.Refused, esme.Value, null);
        }

        var text = raw.Trim();
        return new FailureReason(FailureKind.Other, text.Length <= MaxOther ? text : text[..MaxOther] + "…", null);
    }

    [GeneratedRegex(@"\bstat:([A-Za-z]+)")]
    private static partial Regex ReceiptState();

    [GeneratedRegex(@"\berr:([0-9A-Za-z]+)")]
    private static partial Regex ReceiptError();

    [GeneratedRegex(@"\bESME_[A-Z0-9_]+")]
    private static partial Regex EsmeStatus();
}
