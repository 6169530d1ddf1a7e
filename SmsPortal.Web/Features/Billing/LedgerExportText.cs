namespace SmsPortal.Web.Features.Billing;

/// <summary>Texts of the ledger's CSV export (LedgerExportText.resx, LedgerExportText.zh-CN.resx).</summary>
public sealed class LedgerExportText;
