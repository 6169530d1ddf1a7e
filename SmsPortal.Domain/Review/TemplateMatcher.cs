using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Review;

/// <summary>An approved template as the matcher takes it.</summary>
/// <param name="MaxVariableLength">The longest value its variables take, as filed and reviewed; null for the limit the caller passes.</param>
public sealed record ApprovedTemplate(int Id, string Text, int? MaxVariableLength = null);

/// <summary>The template a body matched, and the variable values in the order of its placeholders.</summary>
public sealed record TemplateMatch(int TemplateId, ParsedTemplate Template, IReadOnlyList<string> Values);

/// <summary>
/// Finds which of an account's approved templates a body (the text after the signature) was written from. Build it
/// once per account and template list and reuse it: each template is taken apart once, and a body is checked
/// against a template by its fixed start and end before any search, so most templates cost two string compares.
/// </summary>
public sealed class TemplateMatcher
{
    private readonly (int Id, ParsedTemplate Template, int? MaxVariableLength)[] _templates;

    private TemplateMatcher((int, ParsedTemplate, int?)[] templates, IReadOnlyList<int> unparsable)
    {
        _templates = templates;
        Unparsable = unparsable;
    }

    /// <summary>Ids of approved templates whose text does not parse: they never match; worth a log line.</summary>
    public IReadOnlyList<int> Unparsable { get; }

    public int Count => _templates.Length;

    public static TemplateMatcher Build(IEnumerable<ApprovedTemplate> approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var templates = new List<(int, ParsedTemplate, int?)>();
        var unparsable = new List<int>();
        foreach (var template in approved)
        {
            if (TemplateText.Parse(template.Text).Template is { } parsed)
            {
                templates.Add((template.Id, parsed, template.MaxVariableLength));
            }
            else
            {
                unparsable.Add(template.Id);
            }
        }

        return new TemplateMatcher([.. templates], unparsable);
    }

    /// <summary>
    /// The approved template the body fills exactly, each variable with 1 to its template's own limit (or
    /// <paramref name="maxVariableLength"/> for a template without one) characters on one line. None approved: 4071. When several match, the one with the most fixed text wins (the
    /// most specific), then the lowest id. When none matches only because a value is too long: 40722, naming the
    /// variable in the detail. Otherwise 4072.
    /// </summary>
    public Outcome<TemplateMatch> Match(string body, int maxVariableLength)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_templates.Length == 0)
        {
            return ResultCode.NoTemplateFiled;
        }

        if (Best(body, limit => limit ?? maxVariableLength) is { } match)
        {
            return match;
        }

        // Whatever split of a body this finds has a value over the limit: a split within it would have matched above.
        if (Best(body, _ => int.MaxValue) is { } tooLong)
        {
            var limit = _templates.First(t => t.Id == tooLong.TemplateId).MaxVariableLength ?? maxVariableLength;
            var index = tooLong.Values.ToList().FindIndex(v => Characters.Count(v) > limit);
            return new Rejection(ResultCode.VariableTooLong, limit, tooLong.Template.VariableNames[index]);
        }

        return ResultCode.TemplateMismatch;
    }

    private TemplateMatch? Best(string body, Func<int?, int> limitOf)
    {
        TemplateMatch? best = null;
        foreach (var (id, template, own) in _templates)
        {
            if (best is not null && (template.LiteralLength < best.Template.LiteralLength
                || (template.LiteralLength == best.Template.LiteralLength && id > best.TemplateId)))
            {
                continue;
            }

            if (Split(template, body, limitOf(own)) is { } values)
            {
                best = new TemplateMatch(id, template, values);
            }
        }

        return best;
    }

    /// <summary>
    /// The values that turn <paramref name="template"/> into <paramref name="body"/>, or null. A search over where
    /// each value ends, shortest first, remembering the (variable, position) pairs that lead nowhere so it never tries
    /// one twice: at most variables × length of the body states, whatever the template.
    /// </summary>
    internal static string[]? Split(ParsedTemplate template, string body, int maxVariableLength)
    {
        var literals = template.Literals;
        var first = literals[0];
        var last = literals[^1];
        var variables = template.VariableNames.Count;
        if (variables == 0)
        {
            return string.Equals(body, first, StringComparison.Ordinal) ? [] : null;
        }

        if (body.Length < template.LiteralLength + variables
            || !body.StartsWith(first, StringComparison.Ordinal)
            || !body.EndsWith(last, StringComparison.Ordinal))
        {
            return null;
        }

        var values = new string[variables];
        var deadEnds = new HashSet<(int, int)>();
        return Fill(0, first.Length) ? values : null;

        bool Fill(int variable, int start)
        {
            var end = body.Length - last.Length;
            if (variable == variables - 1)
            {
                if (start >= end || TemplateValues.Check(body.AsSpan(start, end - start), maxVariableLength) is not null)
                {
                    return false;
                }

                values[variable] = body[start..end];
                return true;
            }

            if (deadEnds.Contains((variable, start)))
            {
                return false;
            }

            var after = literals[variable + 1];
            for (var stop = start + 1; stop <= end; stop++)
            {
                var problem = TemplateValues.Check(body.AsSpan(start, stop - start), maxVariableLength);
                if (problem is not null)
                {
                    // Growing the value cannot cure these.
                    break;
                }

                if (after.Length > 0)
                {
                    var found = body.IndexOf(after, stop, end - stop, StringComparison.Ordinal);
                    if (found < 0)
                    {
                        break;
                    }

                    stop = found;
                    if (TemplateValues.Check(body.AsSpan(start, stop - start), maxVariableLength) is not null)
                    {
                        break;
                    }
                }

                values[variable] = body[start..stop];
                if (Fill(variable + 1, stop + after.Length))
                {
                    return true;
                }
            }

            deadEnds.Add((variable, start));
            return false;
        }
    }
}
