using System.Globalization;
using Microsoft.Extensions.Localization;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Web.Features.Review;

/// <summary>How the review pages say things: faults, waits, times.</summary>
internal static class ReviewFormat
{
    public static string Fault(IStringLocalizer<ReviewText> L, TemplateFault fault) => fault.Problem switch
    {
        TemplateProblem.BrokenPlaceholder when fault.ParseError is { } error => Parse(L, error),
        TemplateProblem.SensitiveWord => string.Format(CultureInfo.CurrentCulture, L["Template.Fault.SensitiveWord"], fault.Detail),
        TemplateProblem.TooLong => string.Format(CultureInfo.CurrentCulture, L["Template.Fault.TooLong"], TemplateRules.MaxTextLength),
        TemplateProblem.MaxVariableLength => string.Format(CultureInfo.CurrentCulture, L["Template.Fault.MaxVariableLength"], TemplateRules.MaxVariableLengthLimit),
        TemplateProblem.SampleValue => string.Format(CultureInfo.CurrentCulture, L["Template.Fault.SampleValue"], fault.Detail),
        TemplateProblem.NameTooLong => string.Format(CultureInfo.CurrentCulture, L["Template.Fault.NameTooLong"], MessageTemplate.NameMaxLength),
        _ => L[$"Template.Fault.{fault.Problem}"],
    };

    public static string Parse(IStringLocalizer<ReviewText> L, TemplateParseError error) => error.Kind switch
    {
        TemplateParseErrorKind.UnclosedPlaceholder => string.Format(CultureInfo.CurrentCulture, L["Template.Parse.Unclosed"], error.Position + 1),
        TemplateParseErrorKind.EmptyPlaceholder => string.Format(CultureInfo.CurrentCulture, L["Template.Parse.EmptyName"], error.Position + 1),
        TemplateParseErrorKind.InvalidVariableName => string.Format(CultureInfo.CurrentCulture, L["Template.Parse.BadName"], error.Name),
        _ => L["Template.Fault.Empty"],
    };

    public static string CreditCode(IStringLocalizer<ReviewText> L, CreditCodeProblem problem) => L[$"CreditCode.{problem}"];

    /// <summary>"12 min", "3 h 5 min", "2 d 4 h".</summary>
    public static string Waited(IStringLocalizer<ReviewText> L, TimeSpan waited)
    {
        if (waited < TimeSpan.Zero)
        {
            waited = TimeSpan.Zero;
        }

        return waited.TotalHours < 1 ? string.Format(CultureInfo.CurrentCulture, L["Wait.Minutes"], (int)waited.TotalMinutes)
            : waited.TotalDays < 1 ? string.Format(CultureInfo.CurrentCulture, L["Wait.Hours"], (int)waited.TotalHours, waited.Minutes)
            : string.Format(CultureInfo.CurrentCulture, L["Wait.Days"], (int)waited.TotalDays, waited.Hours);
    }

    /// <summary>The vendor's target is 15 to 30 minutes in office hours: past 30 the wait shows amber, past 2 hours red.</summary>
    public static MudBlazor.Color WaitColor(TimeSpan waited) =>
        waited > TimeSpan.FromHours(2) ? MudBlazor.Color.Error : waited > TimeSpan.FromMinutes(30) ? MudBlazor.Color.Warning : MudBlazor.Color.Success;

    /// <summary>"68 characters · 1 SMS" for a final text.</summary>
    public static string Size(IStringLocalizer<ReviewText> L, string text)
    {
        var parts = SegmentCounter.Count(text).Parts;
        return string.Format(CultureInfo.CurrentCulture, L["Preview.Size"], Characters.Count(text), parts);
    }
}
