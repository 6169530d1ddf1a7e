namespace SmsPortal.Web.Features.Channels;

/// <summary>Texts of the routes page about numbers abroad (RoutesAbroadText.resx, RoutesAbroadText.zh-CN.resx).</summary>
public sealed class RoutesAbroadText;
