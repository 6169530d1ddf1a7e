using System.Text;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// Finds emoji the way the vendor's 4074 means them: pictographs a carrier's GBK gateway cannot carry and a
/// handset draws in colour. A text has an emoji when it has
/// <list type="bullet">
/// <item>a character of the pictographic planes U+1F000–U+1FAFF or U+1FC00–U+1FFFD (faces, objects, regional
/// indicators that make flags, skin-tone modifiers; also the few non-emoji symbols of those blocks, which no
/// carrier here carries either), or a tag character U+E0000–U+E007F (subdivision flags);</item>
/// <item>a BMP character whose default presentation is emoji (⌚ ☕ ⚡ ✅ ❌ ⭐, Unicode's Emoji_Presentation);</item>
/// <item>the emoji presentation selector U+FE0F (❤️, ☺️, 1️⃣) or the enclosing keycap U+20E3 (#⃣);</item>
/// <item>a zero-width joiner next to a pictograph (⛹‍♀).</item>
/// </list>
/// Symbols Chinese notifications use as text, ★ ☎ ✔ © ® ™ → ※, pass when they stand alone.
/// </summary>
public static class Emoji
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int EmojiPresentationSelector = 0xFE0F;
    private const int CombiningEnclosingKeycap = 0x20E3;

    // Unicode emoji-data.txt, Emoji_Presentation=Yes, BMP part.
    private static readonly (int First, int Last)[] BmpEmojiPresentation =
    [
        (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
        (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
        (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
        (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
        (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
        (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
        (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
    ];

    // Unicode emoji-data.txt, Extended_Pictographic=Yes, BMP part: what a ZWJ sequence may join.
    private static readonly (int First, int Last)[] BmpPictographic =
    [
        (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122),
        (0x2139, 0x2139), (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328),
        (0x2388, 0x2388), (0x23CF, 0x23CF), (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2),
        (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FE), (0x2600, 0x2605),
        (0x2607, 0x2612), (0x2614, 0x2685), (0x2690, 0x2705), (0x2708, 0x2712), (0x2714, 0x2714),
        (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2728, 0x2728), (0x2733, 0x2734),
        (0x2744, 0x2744), (0x2747, 0x2747), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755),
        (0x2757, 0x2757), (0x2763, 0x2767), (0x2795, 0x2797), (0x27A1, 0x27A1), (0x27B0, 0x27B0),
        (0x27BF, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
        (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299),
    ];

    public static bool Contains(string text) => IndexOf(text) >= 0;

    /// <summary>The UTF-16 index where the first emoji starts, or -1.</summary>
    public static int IndexOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var previousIndex = -1;
        var previous = 0;
        for (var i = 0; i < text.Length;)
        {
            var rune = Characters.RuneAt(text, i);
            var value = rune.Value;
            if (IsSupplementaryEmoji(value) || In(BmpEmojiPresentation, value))
            {
                return i;
            }

            if (value is EmojiPresentationSelector or CombiningEnclosingKeycap)
            {
                return previousIndex >= 0 ? previousIndex : i;
            }

            if (value == ZeroWidthJoiner)
            {
                var next = i + 1 < text.Length ? Characters.RuneAt(text, i + 1).Value : 0;
                if (In(BmpPictographic, previous) || In(BmpPictographic, next))
                {
                    return previousIndex >= 0 ? previousIndex : i;
                }
            }

            previousIndex = i;
            previous = value;
            i += rune.Utf16SequenceLength;
        }

        return -1;
    }

    private static bool IsSupplementaryEmoji(int value) =>
        value is (>= 0x1F000 and <= 0x1FAFF) or (>= 0x1FC00 and <= 0x1FFFD) or (>= 0xE0000 and <= 0xE007F);

    private static bool In((int First, int Last)[] ranges, int value)
    {
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (value < ranges[middle].First)
            {
                high = middle - 1;
            }
            else if (value > ranges[middle].Last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsVariationSelector(Rune rune) =>
        rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
}
