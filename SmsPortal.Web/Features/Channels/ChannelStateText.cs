using Microsoft.Extensions.Localization;

namespace SmsPortal.Web.Features.Channels;

/// <summary>The adapters report their state as a word; the known ones read in the reader's language, the rest (a modem's signal) as they are.</summary>
internal static class ChannelStateText
{
    public static string Of(IStringLocalizer<ChannelsText> L, string state) => state switch
    {
        "ready" => L["State.Ready"],
        "bound" => L["State.Bound"],
        "connecting" => L["State.Connecting"],
        "stopped" => L["State.Stopped"],
        "starting" => L["State.Starting"],
        "bind failed" => L["State.BindFailed"],
        "circuit open" => L["State.CircuitOpen"],
        "circuit half-open" => L["State.CircuitHalfOpen"],
        _ => state,
    };
}
