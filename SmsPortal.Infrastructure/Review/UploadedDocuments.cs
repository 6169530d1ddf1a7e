using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Review;

namespace SmsPortal.Infrastructure.Review;

public enum UploadProblem
{
    Empty = 0,
    TooLarge = 1,

    /// <summary>The content is not a PNG, JPEG or PDF, whatever its name says.</summary>
    NotAnImageOrPdf = 2,
}

public sealed record UploadOutcome(StoredDocument? Document, UploadProblem? Problem);

/// <summary>
/// Business licences and signature documents. The type is judged by the content's first bytes, the size is counted
/// while reading (a declared length is never trusted), and the file is kept under a generated name in a folder outside
/// wwwroot, so no upload can choose where it lands or be served as a page. Files are read back only through
/// <see cref="OpenRead"/>, which accepts nothing but names this class made.
/// </summary>
public sealed partial class UploadedDocuments(IOptions<ReviewOptions> options, IHostEnvironment environment)
{
    public long MaxBytes => options.Value.MaxUploadBytes;

    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.UploadDirectory));

    public async Task<UploadOutcome> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var header = new byte[DocumentSniffer.HeaderLength];
        var read = 0;
        while (read < header.Length)
        {
            var n = await content.ReadAsync(header.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read == 0)
        {
            return new UploadOutcome(null, UploadProblem.Empty);
        }

        if (DocumentSniffer.Sniff(header.AsSpan(0, read)) is not { } type)
        {
            return new UploadOutcome(null, UploadProblem.NotAnImageOrPdf);
        }

        System.IO.Directory.CreateDirectory(Directory);
        var document = new StoredDocument { FileName = Guid.NewGuid().ToString("N"), Type = type };
        document.FileName += document.Extension;
        var path = Path.Combine(Directory, document.FileName);
        var temporary = path + ".part";
        long length = read;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await file.WriteAsync(header.AsMemory(0, read), cancellationToken);
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += n;
                    if (length > MaxBytes)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                }
            }

            if (length > MaxBytes)
            {
                File.Delete(temporary);
                return new UploadOutcome(null, UploadProblem.TooLarge);
            }

            File.Move(temporary, path);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        document.Length = length;
        return new UploadOutcome(document, null);
    }

    /// <summary>The stored file, or null when it is gone or the name is not one this class generates.</summary>
    public FileStream? OpenRead(StoredDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (PathOf(document) is not { } path || !File.Exists(path))
        {
            return null;
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
    }

    /// <summary>Removes a file that nothing refers to any more (a replaced licence, a refused filing).</summary>
    public void Delete(StoredDocument? document)
    {
        if (document is not null && PathOf(document) is { } path)
        {
            File.Delete(path);
        }
    }

    private string? PathOf(StoredDocument document) =>
        GeneratedName().IsMatch(document.FileName) ? Path.Combine(Directory, document.FileName) : null;

    [GeneratedRegex("^[0-9a-f]{32}\\.(pdf|png|jpg)$")]
    private static partial Regex GeneratedName();
}
