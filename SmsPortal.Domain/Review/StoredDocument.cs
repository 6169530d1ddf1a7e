namespace SmsPortal.Domain.Review;

/// <summary>
/// An uploaded file (business licence, proof of a signature) as kept: a name the platform made up and the type
/// its content proved, never the name or type the uploader claimed.
/// </summary>
public sealed class StoredDocument
{
    public const int FileNameMaxLength = 64;

    /// <summary>The generated file name inside the uploads folder ("3f2b….pdf"): no folder, nothing of the upload's name.</summary>
    public required string FileName { get; set; }

    public DocumentType Type { get; set; }

    public long Length { get; set; }

    public string ContentType => Type switch
    {
        DocumentType.Png => "image/png",
        DocumentType.Jpeg => "image/jpeg",
        _ => "application/pdf",
    };

    public string Extension => Type switch
    {
        DocumentType.Png => ".png",
        DocumentType.Jpeg => ".jpg",
        _ => ".pdf",
    };
}

public enum DocumentType
{
    Pdf = 0,
    Png = 1,
    Jpeg = 2,
}

/// <summary>Judges a file by its first bytes (its magic number), as the only thing an uploader cannot fake by renaming.</summary>
public static class DocumentSniffer
{
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeaderLength = 8;

    /// <summary>PNG, JPEG or PDF by signature; null for anything else (HTML, SVG, scripts, archives, an empty file).</summary>
    public static DocumentType? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(PngMagic))
        {
            return DocumentType.Png;
        }

        if (header.StartsWith(JpegMagic))
        {
            return DocumentType.Jpeg;
        }

        return header.StartsWith(PdfMagic) ? DocumentType.Pdf : null;
    }
}
