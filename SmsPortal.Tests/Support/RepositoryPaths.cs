namespace SmsPortal.Tests.Support;

/// <summary>The repository's folders, found from the test binaries upwards (the folder that holds SmsPortal.sln).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SmsPortal.sln not found above the test binaries.");
    });

    public static string Root => RootFolder.Value;

    public static string WebProject => Path.Combine(Root, "SmsPortal.Web");
}
