using System.Globalization;

namespace SmsPortal.Tests.Support;

/// <summary>Reads something (a localised text) as a reader of that language would see it.</summary>
public static class UiCulture
{
    public static T Read<T>(string culture, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
