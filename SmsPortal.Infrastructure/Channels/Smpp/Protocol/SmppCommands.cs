namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

public static class SmppCommands
{
    public const uint ResponseBit = 0x80000000;

    /// <summary>True when the codec knows the layout of this command id.</summary>
    public static bool IsKnown(uint commandId) => Enum.IsDefined((SmppCommand)commandId);

    public static bool IsResponse(uint commandId) => (commandId & ResponseBit) != 0;

    /// <summary>The response id of a request (bind_transmitter → bind_transmitter_resp).</summary>
    public static SmppCommand ResponseOf(SmppCommand request) => (SmppCommand)((uint)request | ResponseBit);

    public static bool IsBind(SmppCommand command) =>
        command is SmppCommand.BindTransmitter or SmppCommand.BindReceiver or SmppCommand.BindTransceiver;

    /// <summary>The spec's name ("submit_sm_resp"), or the id in hex when unknown: for logs and raw answers.</summary>
    public static string Name(uint commandId) => (SmppCommand)commandId switch
    {
        SmppCommand.GenericNack => "generic_nack",
        SmppCommand.BindReceiver => "bind_receiver",
        SmppCommand.BindReceiverResp => "bind_receiver_resp",
        SmppCommand.BindTransmitter => "bind_transmitter",
        SmppCommand.BindTransmitterResp => "bind_transmitter_resp",
        SmppCommand.QuerySm => "query_sm",
        SmppCommand.QuerySmResp => "query_sm_resp",
        SmppCommand.SubmitSm => "submit_sm",
        SmppCommand.SubmitSmResp => "submit_sm_resp",
        SmppCommand.DeliverSm => "deliver_sm",
        SmppCommand.DeliverSmResp => "deliver_sm_resp",
        SmppCommand.Unbind => "unbind",
        SmppCommand.UnbindResp => "unbind_resp",
        SmppCommand.BindTransceiver => "bind_transceiver",
        SmppCommand.BindTransceiverResp => "bind_transceiver_resp",
        SmppCommand.EnquireLink => "enquire_link",
        SmppCommand.EnquireLinkResp => "enquire_link_resp",
        SmppCommand.DataSm => "data_sm",
        SmppCommand.DataSmResp => "data_sm_resp",
        _ => "0x" + commandId.ToString("X8", System.Globalization.CultureInfo.InvariantCulture),
    };
}
