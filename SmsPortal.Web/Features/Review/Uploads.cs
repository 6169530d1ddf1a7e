using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Review;

namespace SmsPortal.Web.Features.Review;

/// <summary>Hands a file chosen in the browser to the services, which judge it by its content and count its size again.</summary>
internal static class Uploads
{
    /// <summary>
    /// The file's stream, or null with <paramref name="tooLarge"/> set when the browser already says it is over the cap
    /// (the stream would refuse it anyway; this says so before a byte is sent).
    /// </summary>
    public static Stream? Open(IBrowserFile? file, UploadedDocuments documents, out bool tooLarge)
    {
        tooLarge = file is not null && file.Size > documents.MaxBytes;
        return file is null || tooLarge ? null : file.OpenReadStream(documents.MaxBytes);
    }

    public static string Describe(IStringLocalizer<ReviewText> L, UploadProblem problem, long maxBytes) => problem switch
    {
        UploadProblem.TooLarge => string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Document.TooLarge"], (maxBytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture)),
        UploadProblem.Empty => L["Document.Empty"],
        _ => L["Document.NotAllowed"],
    };
}
