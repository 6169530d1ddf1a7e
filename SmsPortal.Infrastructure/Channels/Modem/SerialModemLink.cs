using System.IO.Ports;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>A serial port through System.IO.Ports.</summary>
internal sealed class SerialModemLink : IModemLink
{
    private readonly SerialPort _port;

    private SerialModemLink(SerialPort port)
    {
        _port = port;
    }

    public Stream Stream => _port.BaseStream;

    /// <summary>
    /// 8N1 without flow control. DTR and RTS are left alone: on a pseudo-terminal (the tests' socat pair and some
    /// USB bridges) setting them fails with an I/O error.
    /// </summary>
    public static IModemLink Open(string device, int baudRate)
    {
        var port = new SerialPort(device, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 10_000,
        };
        try
        {
            port.Open();
            return new SerialModemLink(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _port.Dispose();
        return ValueTask.CompletedTask;
    }
}
