using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Sending.Countries;

/// <summary>A wrong <see cref="CountryRulesOptions"/> stops the start with every problem named.</summary>
internal sealed class CountryRulesOptionsValidator : IValidateOptions<CountryRulesOptions>
{
    public ValidateOptionsResult Validate(string? name, CountryRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
