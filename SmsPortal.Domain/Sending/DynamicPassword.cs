using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmsPortal.Domain.Accounts;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// The vendor's dynamic password: instead of the API key, a client may send
/// <c>md5(account + apikey + mobile + content + time)</c> for Submit, or <c>md5(account + apikey + time)</c> for GetNum:
/// lower-case hex of the MD5 of the UTF-8 bytes, every part exactly as sent (mobile and content before any
/// normalising; with a templateid, content is the values joined by |), time being the 10-digit Unix time the client
/// also sends. MD5 is the vendor's choice, kept because existing clients compute it.
/// </summary>
public static class DynamicPassword
{
    /// <summary>How far the client's time may be from ours, either way: the vendor does not publish its window.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    public static string ForSubmit(string account, string apiKey, string mobile, string content, string time) =>
        Md5Hex(account + apiKey + mobile + content + time);

    public static string ForGetNum(string account, string apiKey, string time) =>
        Md5Hex(account + apiKey + time);

    /// <summary>Checks a Submit password: the API key itself, or its dynamic password.</summary>
    public static Rejection? CheckSubmit(
        string password, string account, string apiKey, string mobile, string content, string? time, DateTimeOffset now, TimeSpan window) =>
        Check(password, apiKey, time, now, window, t => ForSubmit(account, apiKey, mobile, content, t));

    /// <summary>Checks a GetNum password: the API key itself, or its dynamic password.</summary>
    public static Rejection? CheckGetNum(
        string password, string account, string apiKey, string? time, DateTimeOffset now, TimeSpan window) =>
        Check(password, apiKey, time, now, window, t => ForGetNum(account, apiKey, t));

    /// <summary>
    /// The plain API key passes whatever the time. Otherwise the password is a dynamic one only if a time came with it
    /// (else 405, as for any wrong key). A hash that does not match is 40502; a matching hash whose time is not 10
    /// digits or is further than <paramref name="window"/> from now is 40501. The hash is checked first so that 40501
    /// tells a client with a correct formula that only its clock is off. Upper-case hex is accepted too. All compares
    /// take the same time whatever the input.
    /// </summary>
    private static Rejection? Check(string password, string apiKey, string? time, DateTimeOffset now, TimeSpan window, Func<string, string> expected)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(apiKey);
        if (ApiCredentials.KeysEqual(password, apiKey))
        {
            return null;
        }

        if (string.IsNullOrEmpty(time))
        {
            return ResultCode.BadCredentials;
        }

        if (!ApiCredentials.KeysEqual(password.ToLowerInvariant(), expected(time)))
        {
            return ResultCode.DynamicPasswordWrong;
        }

        if (time.Length != 10 || !time.All(char.IsAsciiDigit)
            || !long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)window.TotalSeconds)
        {
            return ResultCode.DynamicPasswordExpired;
        }

        return null;
    }

    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
