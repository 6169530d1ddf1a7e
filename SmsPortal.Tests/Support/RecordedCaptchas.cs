using System.Collections.Concurrent;
using System.Security.Cryptography;
using SmsPortal.Infrastructure.Captcha;

namespace SmsPortal.Tests.Support;

/// <summary>
/// The tests' captcha answers: drawn at random like the portal's own, and remembered, so a test can type what the picture
/// shows. Only the test portal puts this in place of the portal's <see cref="ICaptchaText"/>; a running portal has no way
/// to hand an answer out.
/// </summary>
public sealed class RecordedCaptchas : ICaptchaText
{
    private readonly ConcurrentQueue<string> _answers = new();

    /// <summary>The answer of the captcha issued last (each page render issues one).</summary>
    public string Last => _answers.LastOrDefault() ?? throw new InvalidOperationException("No captcha was issued yet.");

    public int Issued => _answers.Count;

    public string Next()
    {
        var answer = RandomNumberGenerator.GetString("23456789ABCDEFGHJKMNPQRSTUVWXYZ", 5);
        _answers.Enqueue(answer);
        return answer;
    }
}
