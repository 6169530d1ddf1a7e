namespace SmsPortal.Web.Features.Channels;

/// <summary>Labels and help of the declared channel settings, keyed "&lt;type&gt;.&lt;setting&gt;" (ChannelSettingsText.resx, ChannelSettingsText.zh-CN.resx).</summary>
public sealed class ChannelSettingsText;
