using PhoneNumbers;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// The check of a number outside the mainland, by libphonenumber's metadata for its country: the number must be valid
/// there, and a mobile where the country's plan tells mobiles apart (a fixed line, toll-free, premium-rate, VoIP, pager or
/// shared-cost number is refused; NANP countries, whose plan does not tell, pass as "fixed line or mobile"). Mainland
/// numbers never come here: their own rule (eleven digits 1[3-9]…) is faster and is the vendor's.
/// </summary>
public static class InternationalNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The national number as libphonenumber reads it after <paramref name="countryCode"/> (a trunk prefix it knows is
    /// dropped), with the ISO region it belongs to; or the 406 rejection, whose detail says why for the records.
    /// </summary>
    public static Outcome<InternationalNumber> Check(string countryCode, string nationalDigits)
    {
        PhoneNumber number;
        try
        {
            number = Util.Parse("+" + countryCode + nationalDigits, null);
        }
        catch (NumberParseException)
        {
            return new Rejection(ResultCode.BadMobileFormat, Detail: $"+{countryCode} {nationalDigits} is not a number");
        }

        if (number.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) != countryCode || !Util.IsValidNumber(number))
        {
            return new Rejection(ResultCode.BadMobileFormat, Detail: $"+{countryCode} {nationalDigits} is not a valid number of its country");
        }

        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return new Rejection(ResultCode.BadMobileFormat, Detail: $"+{countryCode} {nationalDigits} is not a mobile number ({type})");
        }

        var national = Util.GetNationalSignificantNumber(number);
        return new InternationalNumber(national, Util.GetRegionCodeForNumber(number) ?? "");
    }
}
