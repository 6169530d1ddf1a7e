using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>Refuses wrong Pushes settings at start, naming each.</summary>
internal sealed class PushPumpOptionsValidator : IValidateOptions<PushPumpOptions>
{
    public ValidateOptionsResult Validate(string? name, PushPumpOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
