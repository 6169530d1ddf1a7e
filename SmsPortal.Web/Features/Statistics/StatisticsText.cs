namespace SmsPortal.Web.Features.Statistics;

/// <summary>Texts of the statistics pages and their exports (StatisticsText.resx, StatisticsText.zh-CN.resx).</summary>
public sealed class StatisticsText;
