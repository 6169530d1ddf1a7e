namespace SmsPortal.Infrastructure.Captcha;

/// <summary>
/// Where a new captcha's answer comes from. The portal draws it at random (<see cref="RandomCaptchaText"/>); the tests'
/// portal puts a recording one in its place, which is the only way to an answer besides reading the image.
/// </summary>
public interface ICaptchaText
{
    string Next();
}
