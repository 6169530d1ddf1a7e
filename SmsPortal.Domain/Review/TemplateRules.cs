using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Review;

public enum TemplateProblem
{
    /// <summary>No text (AddTemplate: 404).</summary>
    Empty = 0,

    /// <summary>A placeholder that does not parse: see the <see cref="TemplateParseError"/>.</summary>
    BrokenPlaceholder = 1,

    /// <summary>Longer than <see cref="TemplateRules.MaxTextLength"/> characters.</summary>
    TooLong = 2,

    /// <summary>An emoji, which no SMS may carry (4074 when sending).</summary>
    Emoji = 3,

    /// <summary>A listed sensitive word (AddTemplate: 407); the word is the detail.</summary>
    SensitiveWord = 4,

    /// <summary>Sample values given, but not one per placeholder.</summary>
    SampleCount = 5,

    /// <summary>A sample value that could not be sent: empty, on two lines, with 【】, or longer than the template allows.</summary>
    SampleValue = 6,

    /// <summary>The maximum variable length outside 1 to <see cref="TemplateRules.MaxVariableLengthLimit"/>.</summary>
    MaxVariableLength = 7,

    /// <summary>The name longer than <see cref="MessageTemplate.NameMaxLength"/>.</summary>
    NameTooLong = 8,

    /// <summary>Resubmitting a template that is not the account's, or is pending or approved.</summary>
    NotEditable = 9,
}

/// <summary>What is wrong with a template being filed; <see cref="ParseError"/> for broken placeholders, <see cref="Detail"/> the word or value.</summary>
public sealed record TemplateFault(TemplateProblem Problem, TemplateParseError? ParseError = null, string? Detail = null);

/// <summary>The checks a template passes before it is filed for review.</summary>
public static class TemplateRules
{
    /// <summary>The vendor's limit on a variable's value unless a template asks for another.</summary>
    public const int DefaultMaxVariableLength = 8;

    /// <summary>How long a variable a template may ask for (an order number, a name); the reviewer sees it.</summary>
    public const int MaxVariableLengthLimit = 30;

    /// <summary>Characters of template text: the vendor's content limit, as a template is content with placeholders.</summary>
    public const int MaxTextLength = 300;

    /// <summary>
    /// In the order a person fixes them: empty, too long, broken placeholders, emoji, sensitive words (in the fixed
    /// text and in the samples alike), then the variable limit and the samples (one per placeholder, each one a value
    /// that could be sent). Returns the parsed template when all pass.
    /// </summary>
    public static (ParsedTemplate? Template, TemplateFault? Fault) Check(
        string? text, IReadOnlyList<string>? sampleValues, int maxVariableLength, ISensitiveWordMatcher sensitiveWords)
    {
        ArgumentNullException.ThrowIfNull(sensitiveWords);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new TemplateFault(TemplateProblem.Empty));
        }

        if (Characters.Count(text) > MaxTextLength)
        {
            return (null, new TemplateFault(TemplateProblem.TooLong, Detail: Characters.Count(text).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var parse = TemplateText.Parse(text);
        if (parse.Template is not { } template)
        {
            return (null, new TemplateFault(TemplateProblem.BrokenPlaceholder, parse.Error));
        }

        var samples = sampleValues ?? [];
        if (Emoji.Contains(text) || samples.Any(Emoji.Contains))
        {
            return (null, new TemplateFault(TemplateProblem.Emoji));
        }

        // The fixed text without its placeholders: a word split around one is still found, as a value of a space or
        // a dot (which the matcher skips) would join the pieces when sending.
        if (sensitiveWords.FindFirst(string.Concat(template.Literals)) is { } word)
        {
            return (null, new TemplateFault(TemplateProblem.SensitiveWord, Detail: word.Word));
        }

        if (samples.Select(sensitiveWords.FindFirst).FirstOrDefault(m => m is not null) is { } sampleWord)
        {
            return (null, new TemplateFault(TemplateProblem.SensitiveWord, Detail: sampleWord.Word));
        }

        if (maxVariableLength is < 1 or > MaxVariableLengthLimit)
        {
            return (null, new TemplateFault(TemplateProblem.MaxVariableLength));
        }

        if (samples.Count > 0)
        {
            if (samples.Count != template.VariableNames.Count)
            {
                return (null, new TemplateFault(TemplateProblem.SampleCount, Detail: $"{samples.Count}/{template.VariableNames.Count}"));
            }

            var filled = template.Fill(samples, maxVariableLength);
            if (!filled.IsAccepted)
            {
                return (null, new TemplateFault(TemplateProblem.SampleValue, Detail: filled.Rejection.Detail));
            }
        }

        return (template, null);
    }

    /// <summary>Sample values as stored: joined by |, or null when there are none.</summary>
    public static string? JoinSamples(IReadOnlyList<string>? samples) =>
        samples is { Count: > 0 } ? string.Join('|', samples) : null;

    public static IReadOnlyList<string> SplitSamples(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('|');

    /// <summary>
    /// The template's text as the reviewer should read it: samples in place where they fit, otherwise the
    /// placeholders kept as written.
    /// </summary>
    public static string Preview(string text, IReadOnlyList<string>? samples)
    {
        if (TemplateText.Parse(text).Template is { } template && samples is { } values && values.Count == template.VariableNames.Count && values.Count > 0)
        {
            return template.Render(values);
        }

        return text;
    }

    /// <summary>
    /// The fault in the vendor's language, for AddTemplate's <c>msg</c>: 404 and 407 keep the vendor's texts, the rest
    /// say what to fix in the same style.
    /// </summary>
    public static string VendorMessage(TemplateFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.Problem switch
        {
            TemplateProblem.Empty => ResultMessages.AddTemplate(ResultCode.ContentMissing),
            TemplateProblem.SensitiveWord => ResultMessages.AddTemplate(ResultCode.SensitiveWords),
            TemplateProblem.TooLong => $"模板内容超出长度限制【{MaxTextLength}】",
            TemplateProblem.Emoji => "模板内容包含emoji符号",
            TemplateProblem.BrokenPlaceholder => fault.ParseError?.Kind switch
            {
                TemplateParseErrorKind.UnclosedPlaceholder => $"模板变量格式不正确：第{fault.ParseError.Position + 1}个字符处的【没有对应的】",
                TemplateParseErrorKind.EmptyPlaceholder => $"模板变量格式不正确：第{fault.ParseError.Position + 1}个字符处的【】内没有变量名",
                _ => $"模板变量格式不正确：变量名【{fault.ParseError?.Name}】只能由字母和数字组成，且不能以数字开头",
            },
            TemplateProblem.SampleCount => "示例值的个数与模板变量的个数不一致",
            TemplateProblem.SampleValue => "示例值不符合变量要求",
            TemplateProblem.MaxVariableLength => $"变量长度上限须在1到{MaxVariableLengthLimit}之间",
            TemplateProblem.NameTooLong => $"模板名称不能超过{MessageTemplate.NameMaxLength}个字符",
            _ => "模板不存在或不可修改",
        };
    }
}
