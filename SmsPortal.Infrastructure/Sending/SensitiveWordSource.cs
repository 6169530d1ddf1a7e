using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>Where the acceptance rules get the sensitive-word matcher (407) from.</summary>
public interface ISensitiveWordSource
{
    ValueTask<ISensitiveWordMatcher> GetMatcherAsync(CancellationToken cancellationToken);
}

/// <summary>The words of the Sending:SensitiveWords setting, built once into one matcher.</summary>
internal sealed class ConfiguredSensitiveWords(IOptions<SendingOptions> options) : ISensitiveWordSource
{
    private readonly Lazy<ISensitiveWordMatcher> _matcher = new(() => SensitiveWordMatcher.Build(options.Value.SensitiveWords));

    public ValueTask<ISensitiveWordMatcher> GetMatcherAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_matcher.Value);
}
