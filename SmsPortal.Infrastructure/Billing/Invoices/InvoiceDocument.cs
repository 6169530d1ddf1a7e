using System.Globalization;
using System.Text;
using SkiaSharp;
using SmsPortal.Domain.Billing;

namespace SmsPortal.Infrastructure.Billing.Invoices;

/// <summary>What an invoice prints: the invoice, its order, its seller (the platform or a reseller) and who issued it.</summary>
public sealed record InvoicePrint(Invoice Invoice, Order Order, InvoiceSeller Seller, string IssuedBy);

/// <summary>
/// Draws an invoice as a one-page A4 PDF with SkiaSharp (docs/decisions/0001-skiasharp-for-pdf.md). Latin text is
/// set in DejaVu Sans and everything DejaVu has no glyph for (Chinese) in Droid Sans Fallback; both ship inside
/// this assembly, so the PDF looks the same on a server without fonts, and the text stays text (searchable).
/// </summary>
public static class InvoiceDocument
{
    private const float PageWidth = 595f;
    private const float PageHeight = 842f;
    private const float Margin = 44f;
    private static readonly SKColor Frame = new(0x9c, 0x4a, 0x2f);
    private static readonly SKColor Ink = new(0x1f, 0x29, 0x37);
    private static readonly SKColor Muted = new(0x6b, 0x72, 0x80);
    private static readonly SKColor Tint = new(0xfb, 0xf4, 0xef);
    private static readonly SKColor Brand = new(0x1f, 0x6f, 0xeb);

    public static byte[] Render(InvoicePrint print)
    {
        var invoice = print.Invoice;
        var order = print.Order;
        var seller = print.Seller;
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Invoice {invoice.DisplayNumber}",
            Author = seller.Name,
            Creator = seller.Name,
            Producer = seller.IsPlatform ? "SmsPortal (SkiaSharp)" : seller.Name,
            Creation = invoice.IssuedAt?.UtcDateTime ?? DateTime.UtcNow,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            var ink = new Pen(canvas);
            Draw(ink, print, invoice, order, seller);
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    private static void Draw(Pen pen, InvoicePrint print, Invoice invoice, Order order, InvoiceSeller seller)
    {
        var canvas = pen.Canvas;
        using var fill = new SKPaint { Color = Brand, IsAntialias = true };
        canvas.DrawRect(0, 0, PageWidth, 8, fill);

        // Heading: the seller's brand on the left, the invoice's kind in the middle, number and date on the right.
        pen.Text(seller.Name, Margin, 52, 15, Ink, bold: true);
        pen.Text("SMS services · 短信服务", Margin, 68, 8, Muted);

        var right = PageWidth - Margin;
        var issued = (invoice.IssuedAt ?? DateTimeOffset.UtcNow).ToOffset(TimeSpan.FromHours(8));
        pen.Label("发票号码 Invoice No.", invoice.DisplayNumber ?? "", right, 44);
        pen.Label("开票日期 Date", issued.ToString("yyyy年MM月dd日", CultureInfo.InvariantCulture), right, 60);
        pen.Label("订单号 Order No.", order.Number, right, 76);

        var titleZh = invoice.Kind == InvoiceKind.SpecialVat ? "电子发票（增值税专用发票）" : "电子发票（增值税普通发票）";
        var titleEn = invoice.Kind == InvoiceKind.SpecialVat ? "Electronic invoice · Special VAT invoice" : "Electronic invoice · Ordinary VAT invoice";
        pen.Text(titleZh, PageWidth / 2, 114, 19, Frame, bold: true, align: SKTextAlign.Center);
        using var line = new SKPaint { Color = Frame, StrokeWidth = 0.8f, IsStroke = true, IsAntialias = true };
        var half = Pen.Measure(titleZh, 19, true) / 2 + 12;
        canvas.DrawLine(PageWidth / 2 - half, 122, PageWidth / 2 + half, 122, line);
        canvas.DrawLine(PageWidth / 2 - half, 125, PageWidth / 2 + half, 125, line);
        pen.Text(titleEn, PageWidth / 2, 139, 8, Muted, align: SKTextAlign.Center);

        // Buyer and seller, side by side in one frame.
        var top = 156f;
        var height = 128f;
        var middle = PageWidth / 2;
        using var tint = new SKPaint { Color = Tint };
        canvas.DrawRect(Margin, top, PageWidth - 2 * Margin, height, tint);
        canvas.DrawRect(Margin, top, PageWidth - 2 * Margin, height, line);
        canvas.DrawLine(middle, top, middle, top + height, line);
        Party(pen, "购买方 Buyer", invoice.Title, invoice.TaxNumber, invoice.AddressAndPhone, invoice.BankAndAccount, Margin + 10, top, middle - Margin - 20);
        Party(pen, "销售方 Seller", seller.Name, seller.TaxNumber, seller.AddressAndPhone, seller.BankAndAccount, middle + 10, top, middle - Margin - 20);

        // The item table.
        var net = decimal.Round(invoice.Amount / (1 + seller.VatRate), 2, MidpointRounding.AwayFromZero);
        var tax = invoice.Amount - net;
        var tableTop = top + height + 18;
        float[] columns = [Margin, Margin + 200, Margin + 250, Margin + 300, Margin + 370, Margin + 440, right];
        string[] headings = ["项目名称 Item", "单位 Unit", "数量 Qty", "单价 Price", "金额 Amount", "税率/税额 Tax"];
        canvas.DrawRect(Margin, tableTop, right - Margin, 24, tint);
        canvas.DrawRect(Margin, tableTop, right - Margin, 150, line);
        canvas.DrawLine(Margin, tableTop + 24, right, tableTop + 24, line);
        for (var i = 0; i < headings.Length; i++)
        {
            pen.Text(headings[i], i == 0 ? columns[i] + 8 : columns[i + 1] - 6, tableTop + 15, 7.5f, Frame, bold: true, align: i == 0 ? SKTextAlign.Left : SKTextAlign.Right);
        }

        var rowY = tableTop + 44;
        pen.Wrapped($"*信息技术服务*短信服务 {order.PackageName}", columns[0] + 8, rowY, 190, 8.5f, Ink, 2);
        pen.Text($"{order.Sms.ToString("N0", CultureInfo.InvariantCulture)} SMS · {order.ValidityDays} 天 days", columns[0] + 8, rowY + 26, 7, Muted);
        pen.Text("套 set", columns[2] - 6, rowY, 8.5f, Ink, align: SKTextAlign.Right);
        pen.Text("1", columns[3] - 6, rowY, 8.5f, Ink, align: SKTextAlign.Right);
        pen.Text(Money(net), columns[4] - 6, rowY, 8.5f, Ink, align: SKTextAlign.Right);
        pen.Text(Money(net), columns[5] - 6, rowY, 8.5f, Ink, align: SKTextAlign.Right);
        pen.Text($"{seller.VatRate * 100:0.##}%  {Money(tax)}", columns[6] - 6, rowY, 8.5f, Ink, align: SKTextAlign.Right);

        var sumY = tableTop + 126;
        canvas.DrawLine(Margin, sumY - 14, right, sumY - 14, line);
        pen.Text("合计 Subtotal", columns[0] + 8, sumY, 8.5f, Frame, bold: true);
        pen.Text("¥" + Money(net), columns[5] - 6, sumY, 8.5f, Ink, align: SKTextAlign.Right);
        pen.Text("¥" + Money(tax), columns[6] - 6, sumY, 8.5f, Ink, align: SKTextAlign.Right);

        // The total, in capitals and in figures, as every Chinese invoice has it.
        var totalTop = tableTop + 150;
        canvas.DrawRect(Margin, totalTop, right - Margin, 40, line);
        pen.Text("价税合计（大写）Total in words", Margin + 8, totalTop + 16, 8, Frame, bold: true);
        pen.Text("⊗ " + ChineseAmount.InWords(invoice.Amount), Margin + 8, totalTop + 32, 11, Ink, bold: true);
        pen.Text("（小写）Total", right - 120, totalTop + 16, 8, Frame, bold: true, align: SKTextAlign.Right);
        pen.Text("¥" + Money(invoice.Amount), right - 8, totalTop + 32, 15, Ink, bold: true, align: SKTextAlign.Right);

        // Remarks.
        var remarksTop = totalTop + 58;
        pen.Text("备注 Remarks", Margin, remarksTop, 8, Frame, bold: true);
        var paid = order.PaidAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        pen.Text($"订单 Order {order.Number} · 支付日期 Paid {paid} · 套餐不可退款 Packages are not refundable", Margin, remarksTop + 16, 8, Ink);
        pen.Text($"{order.Sms.ToString("N0", CultureInfo.InvariantCulture)} 条短信，有效期 {order.ValidityDays} 天 · {order.Sms.ToString("N0", CultureInfo.InvariantCulture)} SMS, valid for {order.ValidityDays} days from payment", Margin, remarksTop + 30, 8, Ink);

        // Footer.
        var footer = PageHeight - 60;
        canvas.DrawLine(Margin, footer - 16, right, footer - 16, line);
        pen.Text("开票人 Issued by: " + print.IssuedBy, Margin, footer, 8, Muted);
        pen.Text("销售方 Seller: " + seller.Name, right, footer, 8, Muted, align: SKTextAlign.Right);
        if (seller.IsPlatform)
        {
            pen.Text("本发票由 SmsPortal 生成 · Generated by SmsPortal", PageWidth / 2, footer + 16, 7, Muted, align: SKTextAlign.Center);
        }
    }

    private static void Party(Pen pen, string heading, string name, string taxNumber, string? address, string? bank, float x, float top, float width)
    {
        const float value = 92;
        pen.Text(heading, x, top + 16, 8.5f, Frame, bold: true);
        pen.Text("名称 Name", x, top + 36, 7, Muted);
        pen.Wrapped(name, x + value, top + 36, width - value, 8.5f, Ink, 2);
        pen.Text("纳税人识别号 Tax No.", x, top + 60, 7, Muted);
        pen.Text(string.IsNullOrEmpty(taxNumber) ? "—" : taxNumber, x + value, top + 60, 8.5f, Ink);
        pen.Text("地址电话 Address", x, top + 80, 7, Muted);
        pen.Wrapped(address ?? "—", x + value, top + 80, width - value, 7.5f, Ink, 2);
        pen.Text("开户行及账号 Bank", x, top + 106, 7, Muted);
        pen.Wrapped(bank ?? "—", x + value, top + 106, width - value, 7.5f, Ink, 2);
    }

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Draws text in runs, each in the first shipped typeface that has its glyphs.</summary>
    private sealed class Pen(SKCanvas canvas)
    {
        public SKCanvas Canvas => canvas;

        public void Label(string label, string value, float right, float y)
        {
            Text(value, right, y, 9, Ink, bold: true, align: SKTextAlign.Right);
            Text(label, right - Measure(value, 9, true) - 8, y, 7.5f, Muted, align: SKTextAlign.Right);
        }

        public void Text(string text, float x, float y, float size, SKColor color, bool bold = false, SKTextAlign align = SKTextAlign.Left)
        {
            var width = Measure(text, size, bold);
            var start = align switch
            {
                SKTextAlign.Right => x - width,
                SKTextAlign.Center => x - width / 2,
                _ => x,
            };
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            foreach (var (run, typeface) in Runs(text, bold))
            {
                using var font = Font(typeface, size, bold);
                canvas.DrawText(run, start, y, SKTextAlign.Left, font, paint);
                start += font.MeasureText(run);
            }
        }

        /// <summary>Breaks text into lines that fit the width (any character may start a line: Chinese has no spaces).</summary>
        public void Wrapped(string text, float x, float y, float width, float size, SKColor color, int maxLines)
        {
            var line = new StringBuilder();
            var lines = 0;
            foreach (var rune in text.EnumerateRunes())
            {
                var next = line + rune.ToString();
                if (Measure(next, size, false) > width && line.Length > 0)
                {
                    if (++lines == maxLines)
                    {
                        Text(line.ToString().TrimEnd() + "…", x, y, size, color);
                        return;
                    }

                    Text(line.ToString(), x, y, size, color);
                    y += size + 4;
                    line.Clear();
                }

                line.Append(rune.ToString());
            }

            Text(line.ToString(), x, y, size, color);
        }

        public static float Measure(string text, float size, bool bold)
        {
            var width = 0f;
            foreach (var (run, typeface) in Runs(text, bold))
            {
                using var font = Font(typeface, size, bold);
                width += font.MeasureText(run);
            }

            return width;
        }

        private static SKFont Font(SKTypeface typeface, float size, bool bold) =>
            new(typeface, size) { Embolden = bold && typeface == InvoiceFonts.Cjk, Subpixel = true };

        private static IEnumerable<(string Run, SKTypeface Typeface)> Runs(string text, bool bold)
        {
            var latin = bold ? InvoiceFonts.LatinBold : InvoiceFonts.Latin;
            var run = new StringBuilder();
            SKTypeface? current = null;
            foreach (var rune in text.EnumerateRunes())
            {
                var typeface = latin.GetGlyph(rune.Value) != 0 ? latin : InvoiceFonts.Cjk;
                if (current is not null && typeface != current)
                {
                    yield return (run.ToString(), current);
                    run.Clear();
                }

                current = typeface;
                run.Append(rune.ToString());
            }

            if (current is not null)
            {
                yield return (run.ToString(), current);
            }
        }
    }
}

/// <summary>The typefaces that ship inside this assembly (Billing/Fonts, with their licences).</summary>
internal static class InvoiceFonts
{
    private static readonly Lazy<SKTypeface> LatinFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> LatinBoldFace = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<SKTypeface> CjkFace = new(() => Load("DroidSansFallbackFull.ttf"));

    public static SKTypeface Latin => LatinFace.Value;

    public static SKTypeface LatinBold => LatinBoldFace.Value;

    public static SKTypeface Cjk => CjkFace.Value;

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream("SmsPortal.Fonts." + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in {typeof(InvoiceFonts).Assembly.GetName().Name}.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font {file} does not load.");
    }
}
