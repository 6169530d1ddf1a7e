using System.Globalization;
using System.Resources;

namespace SmsPortal.Web.Features.Identity;

/// <summary>
/// Data-annotation messages of the static identity forms, in the reader's language. Attributes can only
/// name a static property (ErrorMessageResourceType), so these read IdentityText.resx directly.
/// </summary>
public static class ValidationMessages
{
    private static readonly ResourceManager Resources = new(typeof(IdentityText).FullName!, typeof(IdentityText).Assembly);

    public static string Required => Get("Validation.Required");
    public static string Email => Get("Validation.Email");
    public static string Company => Get("Validation.Company");
    public static string PasswordLength => Get("Validation.PasswordLength");
    public static string PasswordMismatch => Get("Validation.PasswordMismatch");
    public static string Code => Get("Validation.Code");
    public static string CodeLength => Get("Validation.CodeLength");
    public static string RecoveryCode => Get("Validation.RecoveryCode");
    public static string Phone => Get("Validation.Phone");

    private static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
