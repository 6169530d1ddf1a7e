using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>What one SMTP session knows: who sends (by AUTH or by allowed sender), and the numbers of the mail in progress.</summary>
internal sealed class SmtpSessionState
{
    private const string Key = "SmsPortal.SmtpSession";

    /// <summary>The caller's address (IPv4 as IPv4), for IP binding and the abuse defence.</summary>
    public required string ClientAddress { get; init; }

    /// <summary>The account proven by SMTP AUTH for the whole session; null until then.</summary>
    public SendingProfile? Authenticated { get; set; }

    /// <summary>The account of the mail in progress (AUTH's, or the allowed sender's); null before MAIL FROM.</summary>
    public SendingProfile? Sender { get; set; }

    /// <summary>The reverse path of the mail in progress; empty for the null sender &lt;&gt;.</summary>
    public string SenderAddress { get; set; } = "";

    /// <summary>The numbers accepted at RCPT, normalised, in order, without repeats.</summary>
    public List<string> Numbers { get; } = [];

    public int RecipientsSeen { get; set; }

    public void StartMail(SendingProfile sender, string senderAddress)
    {
        Sender = sender;
        SenderAddress = senderAddress;
        Numbers.Clear();
        RecipientsSeen = 0;
    }

    public static SmtpSessionState Of(SmtpServer.ISessionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Properties.TryGetValue(Key, out var found) && found is SmtpSessionState state)
        {
            return state;
        }

        var created = new SmtpSessionState { ClientAddress = ClientAddressOf(context) };
        context.Properties[Key] = created;
        return created;
    }

    private static string ClientAddressOf(SmtpServer.ISessionContext context)
    {
        var address = context.Properties.TryGetValue(SmtpServer.Net.EndpointListener.RemoteEndPointKey, out var endPoint) && endPoint is System.Net.IPEndPoint ip
            ? ip.Address
            : System.Net.IPAddress.None;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
