using System.Globalization;
using System.Text;

namespace SmsPortal.Domain.Sending;

/// <summary>Where a sensitive word was found: the list entry, and the span of the original text it covers.</summary>
public sealed record SensitiveWordMatch(string Word, int Index, int Length);

/// <summary>What the sending rules need from a sensitive-word list.</summary>
public interface ISensitiveWordMatcher
{
    /// <summary>The first listed word the text contains (the one that ends first), or null.</summary>
    SensitiveWordMatch? FindFirst(string text);
}

/// <summary>
/// Finds listed words in a text, also when they are disguised: case, full-width letters and digits (Ｖ Ｐ Ｎ → vpn),
/// and spaces, punctuation or symbols put between the characters (法 轮.功, 代-开★发票) do not hide them. Text and
/// words are folded the same way, then one Aho–Corasick automaton built once from the whole list scans the folded
/// text in a single pass, so the cost per message does not grow with the list. Build it when the list changes,
/// not per message.
/// </summary>
public sealed class SensitiveWordMatcher : ISensitiveWordMatcher
{
    private readonly List<Dictionary<char, int>> _next = [];
    private readonly List<int> _fail = [];

    // The longest word ending at a node (its index in _words), and the nearest node down the fail chain that ends
    // one, so reporting does not walk nodes that end nothing.
    private readonly List<int> _word = [];
    private readonly List<int> _outputLink = [];
    private readonly List<string> _words = [];
    private readonly List<int> _foldedLengths = [];

    private SensitiveWordMatcher()
    {
        NewNode();
    }

    public static SensitiveWordMatcher Empty { get; } = new();

    /// <summary>The number of usable words (words that fold to nothing, such as "!!", are left out).</summary>
    public int Count => _words.Count;

    public static SensitiveWordMatcher Build(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var matcher = new SensitiveWordMatcher();
        foreach (var word in words)
        {
            matcher.Add(word);
        }

        matcher.Link();
        return matcher;
    }

    public SensitiveWordMatch? FindFirst(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_words.Count == 0)
        {
            return null;
        }

        // Where each folded character came from, to report the span in the original text.
        var starts = new List<int>(text.Length);
        var node = 0;
        Span<char> buffer = stackalloc char[2];
        for (var i = 0; i < text.Length;)
        {
            var rune = Characters.RuneAt(text, i);
            var width = rune.Utf16SequenceLength;
            if (Fold(rune) is Rune folded)
            {
                var written = folded.EncodeToUtf16(buffer);
                for (var k = 0; k < written; k++)
                {
                    starts.Add(i);
                    node = Step(node, buffer[k]);
                    var found = _word[node] >= 0 ? node : _outputLink[node];
                    if (found >= 0)
                    {
                        var word = _word[found];
                        var first = starts[starts.Count - _foldedLengths[word]];
                        return new SensitiveWordMatch(_words[word], first, i + width - first);
                    }
                }
            }

            i += width;
        }

        return null;
    }

    /// <summary>
    /// The character as it is compared: full-width ASCII (U+FF01–U+FF5E) as ASCII, lower case; null for what is
    /// skipped: white space, punctuation, symbols, controls, format characters (zero-width joiners and spaces),
    /// variation selectors.
    /// </summary>
    internal static Rune? Fold(Rune rune)
    {
        if (rune.Value is >= 0xFF01 and <= 0xFF5E)
        {
            rune = new Rune(rune.Value - 0xFEE0);
        }

        if (Emoji.IsVariationSelector(rune))
        {
            return null;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.DashPunctuation:
            case UnicodeCategory.OpenPunctuation:
            case UnicodeCategory.ClosePunctuation:
            case UnicodeCategory.InitialQuotePunctuation:
            case UnicodeCategory.FinalQuotePunctuation:
            case UnicodeCategory.OtherPunctuation:
            case UnicodeCategory.MathSymbol:
            case UnicodeCategory.CurrencySymbol:
            case UnicodeCategory.ModifierSymbol:
            case UnicodeCategory.OtherSymbol:
                return null;
            default:
                return Rune.ToLowerInvariant(rune);
        }
    }

    private void Add(string word)
    {
        if (string.IsNullOrEmpty(word))
        {
            return;
        }

        var folded = new StringBuilder(word.Length);
        foreach (var rune in word.EnumerateRunes())
        {
            if (Fold(rune) is Rune kept)
            {
                folded.Append(kept.ToString());
            }
        }

        if (folded.Length == 0)
        {
            return;
        }

        var node = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            if (!_next[node].TryGetValue(folded[i], out var child))
            {
                child = NewNode();
                _next[node][folded[i]] = child;
            }

            node = child;
        }

        if (_word[node] < 0)
        {
            _word[node] = _words.Count;
            _words.Add(word);
            _foldedLengths.Add(folded.Length);
        }
    }

    private void Link()
    {
        var queue = new Queue<int>();
        foreach (var child in _next[0].Values)
        {
            _fail[child] = 0;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in _next[node])
            {
                var fallback = _fail[node];
                while (fallback > 0 && !_next[fallback].ContainsKey(c))
                {
                    fallback = _fail[fallback];
                }

                _fail[child] = _next[fallback].TryGetValue(c, out var target) && target != child ? target : 0;
                var failNode = _fail[child];
                _outputLink[child] = _word[failNode] >= 0 ? failNode : _outputLink[failNode];
                queue.Enqueue(child);
            }
        }
    }

    private int Step(int node, char c)
    {
        while (true)
        {
            if (_next[node].TryGetValue(c, out var child))
            {
                return child;
            }

            if (node == 0)
            {
                return 0;
            }

            node = _fail[node];
        }
    }

    private int NewNode()
    {
        _next.Add([]);
        _fail.Add(0);
        _word.Add(-1);
        _outputLink.Add(-1);
        return _next.Count - 1;
    }
}
