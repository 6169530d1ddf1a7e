using System.Buffers.Binary;
using System.Text;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

public sealed class SubmitSmPdu() : ShortMessagePdu(SmppCommand.SubmitSm);
