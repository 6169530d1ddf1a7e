namespace SmsPortal.Web.Features.Statistics;

/// <summary>Texts of the statistics by country, their money and their calendar's zone (StatisticsMoneyText.resx, StatisticsMoneyText.zh-CN.resx).</summary>
public sealed class StatisticsMoneyText;
