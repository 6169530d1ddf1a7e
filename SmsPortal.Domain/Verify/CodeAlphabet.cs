namespace SmsPortal.Domain.Verify;

/// <summary>The characters a verification code is drawn from.</summary>
public enum CodeAlphabet
{
    /// <summary>0–9.</summary>
    Digits = 0,

    /// <summary>Upper-case letters without I and O, which read as 1 and 0.</summary>
    Letters = 1,

    /// <summary>Digits 2–9 and the letters above: no 0/O or 1/I to confuse.</summary>
    Mixed = 2,
}
