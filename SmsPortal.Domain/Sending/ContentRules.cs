namespace SmsPortal.Domain.Sending;

/// <summary>The checks on a message body (the text after the signature, variables filled), in the order they answer.</summary>
public static class ContentRules
{
    /// <summary>
    /// Empty or only white space: 404. Longer than <see cref="SendLimits.MaxContentLength"/> characters (code
    /// points; the signature is not counted, as the vendor's content never carries it): 4073. An emoji
    /// (<see cref="Emoji"/>): 4074. A listed sensitive word: 407, with the word as the detail for the records.
    /// </summary>
    public static Rejection? Check(string? body, SendLimits limits, ISensitiveWordMatcher sensitiveWords)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(sensitiveWords);
        if (string.IsNullOrWhiteSpace(body))
        {
            return ResultCode.ContentMissing;
        }

        if (Characters.Count(body) > limits.MaxContentLength)
        {
            return new Rejection(ResultCode.ContentTooLong, limits.MaxContentLength);
        }

        if (Emoji.Contains(body))
        {
            return ResultCode.EmojiInContent;
        }

        return sensitiveWords.FindFirst(body) is { } match
            ? new Rejection(ResultCode.SensitiveWords, Detail: match.Word)
            : null;
    }
}
