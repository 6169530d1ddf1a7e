using System.Text;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// How the rules count "characters" for lengths people set (content, signature, variable values): Unicode code
/// points, so a character outside the BMP (𠮷) counts one, as a person counts it. Segment counting is different:
/// it counts UCS-2 units (see <see cref="SegmentCounter"/>).
/// </summary>
public static class Characters
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    internal static bool IsNewline(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    internal static bool ContainsNewline(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsNewline(c))
            {
                return true;
            }
        }

        return false;
    }

    internal static Rune RuneAt(string text, int index) =>
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done
            ? rune
            : Rune.ReplacementChar;
}
