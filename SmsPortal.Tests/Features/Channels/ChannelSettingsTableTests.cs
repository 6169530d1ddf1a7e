using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Channels;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>
/// The README's "Channel settings" table is what the declarations say. To rewrite it after changing a declaration or
/// its help: <c>SMSPORTAL_WRITE_README=1 dotnet test SmsPortal.Tests --filter ChannelSettingsTableTests</c>.
/// </summary>
public sealed class ChannelSettingsTableTests
{
    private static readonly StringLocalizer<ChannelSettingsText> Text =
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Fact]
    public void TheReadmeTableIsWhatTheDeclarationsSay()
    {
        var readme = Path.Combine(RepositoryRoot(), "README.md");
        var text = File.ReadAllText(readme);
        var begin = text.IndexOf(ChannelSettingsTable.Begin, StringComparison.Ordinal);
        var end = text.IndexOf(ChannelSettingsTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md has no table between {ChannelSettingsTable.Begin} and {ChannelSettingsTable.End}");
        var expected = "\n" + UiCulture.Read("en", () => ChannelSettingsTable.Markdown(Text));
        var actual = text[(begin + ChannelSettingsTable.Begin.Length)..end];

        if (Environment.GetEnvironmentVariable("SMSPORTAL_WRITE_README") == "1" && actual != expected)
        {
            File.WriteAllText(readme, text[..(begin + ChannelSettingsTable.Begin.Length)] + expected + text[end..]);
            return;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EveryDeclaredSettingHasALabelAndHelpInEnglishAndChinese()
    {
        foreach (var setting in ChannelSettingsTable.Sets.SelectMany(s => s.Settings))
        {
            foreach (var key in new[] { setting.HelpKey, setting.HelpKey + ".Help" })
            {
                var english = UiCulture.Read("en", () => Text[key]);
                var chinese = UiCulture.Read("zh-CN", () => Text[key]);
                Assert.False(english.ResourceNotFound, $"no English text for {key}");
                Assert.False(chinese.ResourceNotFound, $"no Chinese text for {key}");
                if (key.EndsWith(".Help", StringComparison.Ordinal))
                {
                    Assert.NotEqual(english.Value, chinese.Value);
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SmsPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
