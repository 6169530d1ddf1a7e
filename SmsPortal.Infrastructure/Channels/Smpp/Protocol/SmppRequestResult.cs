namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>What became of a request.</summary>
public readonly record struct SmppRequestResult(SmppRequestOutcome Outcome, SmppPdu? Response, string Detail)
{
    public bool IsOk => Outcome == SmppRequestOutcome.Answered && Response is { Status: SmppStatus.Ok } response && response.Command != SmppCommand.GenericNack;

    public uint? Status => Response?.Status;
}
