using System.Security.Cryptography;
using SkiaSharp;
using SmsPortal.Infrastructure.Billing.Invoices;

namespace SmsPortal.Infrastructure.Captcha;

/// <summary>
/// Draws a captcha's answer as a PNG: large bold letters, each turned and lifted a little, over a few thin lines and
/// dots. Readable by a person at a glance; the noise is there to keep simple OCR scripts off, not to defeat a determined one.
/// </summary>
internal static class CaptchaImage
{
    public const int Width = 180;
    public const int Height = 60;

    public static byte[] Render(string answer)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF4, 0xF6, 0xFA));
        using var noise = new SKPaint { IsAntialias = true, StrokeWidth = 1.2f };
        for (var i = 0; i < 6; i++)
        {
            noise.Color = Shade(140, 200);
            canvas.DrawLine(Next(Width), Next(Height), Next(Width), Next(Height), noise);
        }

        for (var i = 0; i < 60; i++)
        {
            noise.Color = Shade(120, 210);
            canvas.DrawCircle(Next(Width), Next(Height), 1f, noise);
        }

        using var font = new SKFont(InvoiceFonts.LatinBold, 34);
        using var ink = new SKPaint { IsAntialias = true };
        var step = (Width - 20f) / answer.Length;
        for (var i = 0; i < answer.Length; i++)
        {
            ink.Color = Shade(20, 90);
            canvas.Save();
            canvas.Translate(14 + (i * step) + Next(6), 42 + Next(8) - 4);
            canvas.RotateDegrees(Next(30) - 15);
            canvas.DrawText(answer[i].ToString(), 0, 0, SKTextAlign.Left, font, ink);
            canvas.Restore();
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static float Next(int range) => RandomNumberGenerator.GetInt32(range * 100) / 100f;

    private static SKColor Shade(int from, int to)
    {
        var r = (byte)RandomNumberGenerator.GetInt32(from, to);
        var g = (byte)RandomNumberGenerator.GetInt32(from, to);
        var b = (byte)RandomNumberGenerator.GetInt32(from, to);
        return new SKColor(r, g, b);
    }
}
