namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>A final result and the lines before it.</summary>
internal sealed record AtResponse(string Final, IReadOnlyList<string> Lines)
{
    public bool Ok => Final == "OK";
}
