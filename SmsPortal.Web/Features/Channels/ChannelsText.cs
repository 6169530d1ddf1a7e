namespace SmsPortal.Web.Features.Channels;

/// <summary>Texts of the channels and routes pages (ChannelsText.resx, ChannelsText.zh-CN.resx).</summary>
public sealed class ChannelsText;
