using System.Text;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Review;

public enum TemplateParseErrorKind
{
    /// <summary>No text, or only white space (AddTemplate answers 404).</summary>
    Empty = 0,

    /// <summary>A 【 with no 】 before the end or before the next 【.</summary>
    UnclosedPlaceholder = 1,

    /// <summary>【】 with nothing inside.</summary>
    EmptyPlaceholder = 2,

    /// <summary>A name that starts with a digit or holds something else than letters and digits.</summary>
    InvalidVariableName = 3,
}

/// <param name="Position">The UTF-16 index of the offending 【 (0 for <see cref="TemplateParseErrorKind.Empty"/>).</param>
public sealed record TemplateParseError(TemplateParseErrorKind Kind, int Position, string? Name = null);

/// <summary>The parse of a template text: the template, or what is wrong with it.</summary>
public sealed record TemplateParse(ParsedTemplate? Template, TemplateParseError? Error);

/// <summary>
/// A template text taken apart into its fixed pieces and its variables: <c>Literals[0] 【Names[0]】 Literals[1] …
/// 【Names[n-1]】 Literals[n]</c>, so there is always one literal more than variables (some may be empty).
/// </summary>
public sealed class ParsedTemplate
{
    internal ParsedTemplate(string text, IReadOnlyList<string> literals, IReadOnlyList<string> variableNames)
    {
        Text = text;
        Literals = literals;
        VariableNames = variableNames;
        LiteralLength = literals.Sum(l => l.Length);
    }

    public string Text { get; }

    public IReadOnlyList<string> Literals { get; }

    public IReadOnlyList<string> VariableNames { get; }

    /// <summary>UTF-16 length of the fixed text: how specific the template is when two match the same body.</summary>
    public int LiteralLength { get; }

    /// <summary>
    /// The body with <paramref name="values"/> put in the placeholders in order (the "templateid + content" way of
    /// sending). A wrong number of values, an empty value, or one with a line break or a 【 】 bracket is 4072; a
    /// value longer than <paramref name="maxVariableLength"/> characters is 40722.
    /// </summary>
    public Outcome<string> Fill(IReadOnlyList<string> values, int maxVariableLength)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != VariableNames.Count)
        {
            return new Rejection(ResultCode.TemplateMismatch, Detail: $"{values.Count} values for {VariableNames.Count} variables");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (TemplateValues.Check(values[i], maxVariableLength) is ValueProblem problem)
            {
                return problem == ValueProblem.TooLong
                    ? new Rejection(ResultCode.VariableTooLong, maxVariableLength, VariableNames[i])
                    : new Rejection(ResultCode.TemplateMismatch, Detail: VariableNames[i]);
            }
        }

        return Render(values);
    }

    /// <summary>
    /// <see cref="Fill(IReadOnlyList{string}, int)"/> with the values as the vendor's <c>content</c> carries them,
    /// joined by <c>|</c>. A template without variables takes an empty content.
    /// </summary>
    public Outcome<string> Fill(string? content, int maxVariableLength) =>
        Fill(string.IsNullOrEmpty(content) ? [] : content.Split('|'), maxVariableLength);

    /// <summary>The text with the values in place, unchecked (also how records show masked values: pass "***").</summary>
    public string Render(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != VariableNames.Count)
        {
            throw new ArgumentException($"Expected {VariableNames.Count} values, got {values.Count}.", nameof(values));
        }

        var text = new StringBuilder(Literals[0]);
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(values[i]).Append(Literals[i + 1]);
        }

        return text.ToString();
    }
}

/// <summary>Reads template texts written with the vendor's 【变量】 placeholders.</summary>
public static class TemplateText
{
    /// <summary>
    /// A placeholder is 【name】 where name is letters (any script, so the vendor's own 【变量】 is one) and digits, not
    /// starting with a digit. An unclosed 【, an empty 【】 and a bad name are errors; a 】 with no 【 before it is
    /// plain text. A text with no placeholder is a fixed template.
    /// </summary>
    public static TemplateParse Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(TemplateParseErrorKind.Empty, 0);
        }

        var literals = new List<string>();
        var names = new List<string>();
        var literalStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != SignatureRules.Open)
            {
                continue;
            }

            var close = text.IndexOf(SignatureRules.Close, i + 1);
            var nextOpen = text.IndexOf(SignatureRules.Open, i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                return Fail(TemplateParseErrorKind.UnclosedPlaceholder, i);
            }

            var name = text[(i + 1)..close];
            if (name.Length == 0)
            {
                return Fail(TemplateParseErrorKind.EmptyPlaceholder, i);
            }

            if (!IsVariableName(name))
            {
                return Fail(TemplateParseErrorKind.InvalidVariableName, i, name);
            }

            literals.Add(text[literalStart..i]);
            names.Add(name);
            literalStart = close + 1;
            i = close;
        }

        literals.Add(text[literalStart..]);
        return new TemplateParse(new ParsedTemplate(text, literals, names), null);
    }

    private static bool IsVariableName(string name)
    {
        var first = true;
        foreach (var rune in name.EnumerateRunes())
        {
            if (!(Rune.IsLetter(rune) || (!first && Rune.IsDigit(rune))))
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    private static TemplateParse Fail(TemplateParseErrorKind kind, int position, string? name = null) =>
        new(null, new TemplateParseError(kind, position, name));
}

internal enum ValueProblem
{
    Empty,
    LineBreak,
    Bracket,
    TooLong,
}

internal static class TemplateValues
{
    /// <summary>
    /// A variable's value is at least one character, at most <paramref name="maxLength"/> (code points), on one line,
    /// and without 【 】, which would let a value pose as a second signature.
    /// </summary>
    public static ValueProblem? Check(ReadOnlySpan<char> value, int maxLength)
    {
        if (value.IsEmpty)
        {
            return ValueProblem.Empty;
        }

        if (Characters.ContainsNewline(value))
        {
            return ValueProblem.LineBreak;
        }

        if (value.IndexOfAny(SignatureRules.Open, SignatureRules.Close) >= 0)
        {
            return ValueProblem.Bracket;
        }

        return Characters.Count(value) > maxLength ? ValueProblem.TooLong : null;
    }
}
