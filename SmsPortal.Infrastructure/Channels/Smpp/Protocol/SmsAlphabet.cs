using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

public enum SmsAlphabet
{
    Gsm7,
    Ascii,
    Latin1,
    Ucs2,
    Binary,
}
