namespace SmsPortal.Web.Features.International;

/// <summary>
/// Texts of what the console and the admin show of international sends: the send page's destinations and money, the
/// records' country and price, the ledger's money view (IntlViewText.resx, IntlViewText.zh-CN.resx).
/// </summary>
public sealed class IntlViewText;
