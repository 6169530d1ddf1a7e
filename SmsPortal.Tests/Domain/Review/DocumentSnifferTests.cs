using System.Text;
using SmsPortal.Domain.Review;

namespace SmsPortal.Tests.Domain.Review;

public sealed class DocumentSnifferTests
{
    [Fact]
    public void KnowsPngJpegAndPdfByTheirFirstBytes()
    {
        Assert.Equal(DocumentType.Png, DocumentSniffer.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal(DocumentType.Jpeg, DocumentSniffer.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal(DocumentType.Pdf, DocumentSniffer.Sniff("%PDF-1.7\n"u8));
    }

    [Theory]
    [InlineData("<html><script>alert(1)</script>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("PK\u0003\u0004")]
    [InlineData(" %PDF-1.7")]
    [InlineData("")]
    public void RefusesEverythingElse(string content)
    {
        Assert.Null(DocumentSniffer.Sniff(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void ATruncatedSignatureIsNotEnough()
    {
        Assert.Null(DocumentSniffer.Sniff([0x89, 0x50, 0x4E, 0x47]));
    }
}
