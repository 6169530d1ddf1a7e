namespace SmsPortal.Web.Features.Admin;

/// <summary>Texts of the admin's page of one account (AccountDetailText.resx, AccountDetailText.zh-CN.resx).</summary>
public sealed class AccountDetailText;
