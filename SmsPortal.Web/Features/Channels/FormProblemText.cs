using Microsoft.Extensions.Localization;

namespace SmsPortal.Web.Features.Channels;

internal static class FormProblemText
{
    /// <summary>The problem in the reader's language, its detail (a setting's own message, a limit) filled in.</summary>
    public static string Say(this IStringLocalizer<ChannelsText> text, FormProblem problem) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text[problem.Key].Value, problem.Detail ?? "");

    public static string? For(this IStringLocalizer<ChannelsText> text, IReadOnlyList<FormProblem> problems, string field) =>
        problems.Where(p => p.Field == field).Select(p => text.Say(p)).FirstOrDefault();
}
