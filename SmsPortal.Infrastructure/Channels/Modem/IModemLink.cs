namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>The byte stream to one modem: a serial port in production, a pipe in tests of the AT engine.</summary>
internal interface IModemLink : IAsyncDisposable
{
    Stream Stream { get; }
}

/// <summary>Opens the link to a modem: (device, baud rate) → an open link; throws when the device cannot be opened.</summary>
internal delegate IModemLink ModemLinkOpener(string device, int baudRate);
