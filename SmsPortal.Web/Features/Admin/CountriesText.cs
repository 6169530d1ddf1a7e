namespace SmsPortal.Web.Features.Admin;

/// <summary>Texts of an account's country allow-list on the admin accounts page (CountriesText.resx, CountriesText.zh-CN.resx).</summary>
public sealed class CountriesText;
