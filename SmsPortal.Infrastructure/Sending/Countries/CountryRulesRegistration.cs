using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Sending.Countries;

public static class CountryRulesRegistration
{
    /// <summary>Section "Countries", checked at start, and the rules the submission service asks.</summary>
    public static IServiceCollection AddCountryRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CountryRulesOptions>().Bind(configuration.GetSection(CountryRulesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CountryRulesOptions>, CountryRulesOptionsValidator>();
        services.AddSingleton<CountryRules>();
        return services;
    }
}
