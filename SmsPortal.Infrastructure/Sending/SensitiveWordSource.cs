using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Review;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>Where the acceptance rules get the sensitive-word matcher (407) from.</summary>
public interface ISensitiveWordSource
{
    ValueTask<ISensitiveWordMatcher> GetMatcherAsync(CancellationToken cancellationToken);
}

/// <summary>The admins' list (kept fresh by <see cref="SensitiveWords"/>) and the words of the Sending:SensitiveWords setting.</summary>
internal sealed class PlatformSensitiveWords(SensitiveWords admins, IOptions<SendingOptions> options) : ISensitiveWordSource
{
    private readonly ISensitiveWordMatcher? _configured = options.Value.SensitiveWords.Count == 0 ? null : SensitiveWordMatcher.Build(options.Value.SensitiveWords);
    private (ISensitiveWordMatcher Admins, ISensitiveWordMatcher Both)? _combined;

    public async ValueTask<ISensitiveWordMatcher> GetMatcherAsync(CancellationToken cancellationToken)
    {
        var fromAdmins = await admins.GetMatcherAsync(cancellationToken);
        if (_configured is null)
        {
            return fromAdmins;
        }

        var combined = _combined;
        if (combined is null || !ReferenceEquals(combined.Value.Admins, fromAdmins))
        {
            combined = (fromAdmins, new Either(_configured, fromAdmins));
            _combined = combined;
        }

        return combined.Value.Both;
    }

    private sealed class Either(ISensitiveWordMatcher first, ISensitiveWordMatcher second) : ISensitiveWordMatcher
    {
        public SensitiveWordMatch? FindFirst(string text) => first.FindFirst(text) ?? second.FindFirst(text);
    }
}
