using System.Globalization;
using System.Text;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>SMS-SUBMIT encoding and SMS-DELIVER / SMS-STATUS-REPORT decoding in the PDU mode of 3GPP 27.005.</summary>
internal static class SmsPdu
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    /// <summary>
    /// The parts of a message: GSM 7-bit when every character is in the default alphabet (extension characters
    /// take two septets, never split between parts), UCS-2 otherwise; more than one part carries an 8-bit
    /// concatenation UDH with <paramref name="reference"/>.
    /// </summary>
    /// <param name="validityMinutes">Relative validity period (rounded to what TP-VP can say); null for none.</param>
    public static IReadOnlyList<SubmitPart> EncodeSubmit(string destination, string text, byte reference, bool statusReport, int? validityMinutes, string? smsc)
    {
        var address = EncodeAddress(destination);
        var smscPrefix = smsc is { Length: > 0 } ? EncodeSmsc(smsc) : [0x00];
        var septets = Gsm7.Encode(text);
        var chunks = septets is not null ? SplitSeptets(septets) : SplitUcs2(text);
        var parts = new List<SubmitPart>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            byte[] udh = chunks.Count == 1 ? [] : [0x05, 0x00, 0x03, reference, (byte)chunks.Count, (byte)(i + 1)];
            byte firstOctet = 0x01;
            if (validityMinutes is not null)
            {
                firstOctet |= 0x10;
            }

            if (statusReport)
            {
                firstOctet |= 0x20;
            }

            if (udh.Length > 0)
            {
                firstOctet |= 0x40;
            }

            var tpdu = new List<byte> { firstOctet, 0x00 };
            tpdu.AddRange(address);
            tpdu.Add(0x00);
            tpdu.Add(septets is not null ? (byte)0x00 : (byte)0x08);
            if (validityMinutes is { } minutes)
            {
                tpdu.Add(RelativeValidity(minutes));
            }

            if (septets is not null)
            {
                var headerSeptets = ((udh.Length * 8) + 6) / 7;
                var fill = (headerSeptets * 7) - (udh.Length * 8);
                tpdu.Add((byte)(headerSeptets + chunks[i].Length));
                tpdu.AddRange(udh);
                tpdu.AddRange(Gsm7.Pack(chunks[i], fill, carriageReturnFill: false));
            }
            else
            {
                tpdu.Add((byte)(udh.Length + chunks[i].Length));
                tpdu.AddRange(udh);
                tpdu.AddRange(chunks[i]);
            }

            parts.Add(new SubmitPart(Convert.ToHexString([.. smscPrefix, .. tpdu]), tpdu.Count, i + 1, chunks.Count));
        }

        return parts;
    }

    /// <summary>TP-VP relative format (23.040 §9.2.3.12.1), the nearest value not shorter than asked, at most 63 weeks.</summary>
    public static byte RelativeValidity(int minutes) => minutes switch
    {
        <= 5 => 0,
        <= 720 => (byte)(((minutes + 4) / 5) - 1),
        <= 1440 => (byte)(143 + ((minutes - 720 + 29) / 30)),
        <= 30 * 1440 => (byte)(166 + ((minutes + 1439) / 1440)),
        _ => (byte)Math.Min(255, 192 + ((minutes + (7 * 1440) - 1) / (7 * 1440))),
    };

    /// <summary>
    /// The destination as the network wants it: a mainland 11-digit number as +86…, SmsPortal's "852 91234567"
    /// as +852…, "+…" as written; any other digits as a national number.
    /// </summary>
    public static (string Digits, bool International) Destination(string mobile)
    {
        var trimmed = mobile.Trim();
        var international = trimmed.StartsWith('+') || trimmed.Contains(' ', StringComparison.Ordinal);
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            throw new ArgumentException($"'{mobile}' has no digits.", nameof(mobile));
        }

        if (!international && digits.Length == 11 && digits[0] == '1')
        {
            return ("86" + digits, true);
        }

        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            return (digits[2..], true);
        }

        return (digits, international);
    }

    /// <summary>Digits only, without a leading 86 for the mainland: what a status report's recipient is matched on.</summary>
    public static string MatchKey(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>Decodes what a modem printed after +CMT, +CMGR, +CMGL or +CDS.</summary>
    /// <param name="tpduLength">The length the modem gave, which tells whether an SMSC address comes first; null: assume it does.</param>
    /// <returns>A <see cref="DeliverPdu"/> or a <see cref="StatusReportPdu"/>.</returns>
    /// <exception cref="FormatException">The PDU is not hex, is cut short, or is of a type a modem does not deliver.</exception>
    public static object Decode(string hex, int? tpduLength)
    {
        byte[] data;
        try
        {
            data = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("The PDU is not hexadecimal.");
        }

        var reader = new PduReader(data);
        if (tpduLength is null || data.Length != tpduLength)
        {
            reader.Skip(reader.Byte());
        }

        var first = reader.Byte();
        return (first & 0x03) switch
        {
            0x00 => ReadDeliver(reader, first),
            0x02 => ReadStatusReport(reader),
            _ => throw new FormatException($"TP-MTI {first & 0x03} is not an SMS-DELIVER or an SMS-STATUS-REPORT."),
        };
    }

    private static DeliverPdu ReadDeliver(PduReader reader, byte first)
    {
        var from = reader.Address();
        reader.Byte();
        var dcs = reader.Byte();
        var sentAt = reader.Timestamp();
        var udl = reader.Byte();
        var ud = reader.Rest();
        Concatenation? concatenation = null;
        var headerOctets = 0;
        if ((first & 0x40) != 0)
        {
            if (ud.Length == 0 || ud[0] + 1 > ud.Length)
            {
                throw new FormatException("The user data header is longer than the user data.");
            }

            headerOctets = ud[0] + 1;
            concatenation = ReadConcatenation(ud.AsSpan(1, ud[0]));
        }

        string text;
        switch (Coding(dcs))
        {
            case 0:
                var headerSeptets = ((headerOctets * 8) + 6) / 7;
                var fill = (headerSeptets * 7) - (headerOctets * 8);
                text = Gsm7.Decode(Gsm7.Unpack(ud.AsSpan(headerOctets), Math.Max(0, udl - headerSeptets), fill));
                break;
            case 2:
                var end = Math.Min(udl, ud.Length);
                var length = Math.Max(0, end - headerOctets) & ~1;
                text = Encoding.BigEndianUnicode.GetString(ud, headerOctets, length);
                break;
            default:
                text = Encoding.Latin1.GetString(ud, headerOctets, Math.Max(0, Math.Min(udl, ud.Length) - headerOctets));
                break;
        }

        return new DeliverPdu(from, text, sentAt, concatenation);
    }

    private static StatusReportPdu ReadStatusReport(PduReader reader)
    {
        var reference = reader.Byte();
        var recipient = reader.Address();
        reader.Timestamp();
        reader.Timestamp();
        var status = reader.Byte();
        return new StatusReportPdu(reference, recipient, status);
    }

    /// <summary>0 GSM 7-bit, 1 8-bit data, 2 UCS-2 (23.038 §4).</summary>
    private static int Coding(byte dcs)
    {
        if ((dcs & 0x80) == 0)
        {
            // General data coding (00xx) and automatic deletion (01xx): bits 3-2; the reserved value reads as 7-bit.
            var alphabet = (dcs >> 2) & 0x03;
            return alphabet == 3 ? 0 : alphabet;
        }

        return (dcs & 0xF0) switch
        {
            0xF0 => (dcs & 0x04) != 0 ? 1 : 0,
            0xE0 => 2,
            _ => 0,
        };
    }

    private static Concatenation? ReadConcatenation(ReadOnlySpan<byte> header)
    {
        var i = 0;
        while (i + 1 < header.Length)
        {
            var iei = header[i];
            var length = header[i + 1];
            if (i + 2 + length > header.Length)
            {
                break;
            }

            var value = header.Slice(i + 2, length);
            if (iei == 0x00 && length == 3 && value[1] > 0 && value[2] > 0 && value[2] <= value[1])
            {
                return new Concatenation(value[0], value[1], value[2]);
            }

            if (iei == 0x08 && length == 4 && value[2] > 0 && value[3] > 0 && value[3] <= value[2])
            {
                return new Concatenation((value[0] << 8) | value[1], value[2], value[3]);
            }

            i += 2 + length;
        }

        return null;
    }

    private static byte[] EncodeAddress(string mobile)
    {
        var (digits, international) = Destination(mobile);
        return [(byte)digits.Length, international ? (byte)0x91 : (byte)0x81, .. SemiOctets(digits)];
    }

    private static byte[] EncodeSmsc(string smsc)
    {
        var digits = new string(smsc.Where(char.IsAsciiDigit).ToArray());
        var octets = SemiOctets(digits);
        var international = smsc.TrimStart().StartsWith('+');
        return [(byte)(octets.Length + 1), international ? (byte)0x91 : (byte)0x81, .. octets];
    }

    private static byte[] SemiOctets(string digits)
    {
        var padded = digits.Length % 2 == 1 ? digits + "F" : digits;
        var octets = new byte[padded.Length / 2];
        for (var i = 0; i < octets.Length; i++)
        {
            octets[i] = byte.Parse(string.Concat(padded[(2 * i) + 1], padded[2 * i]), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return octets;
    }

    private static List<byte[]> SplitSeptets(byte[] septets)
    {
        if (septets.Length <= Gsm7Single)
        {
            return [septets];
        }

        var chunks = new List<byte[]>();
        var start = 0;
        while (start < septets.Length)
        {
            var end = Math.Min(start + Gsm7Part, septets.Length);
            // An escape and its extension code stay in one part: count the escapes before the cut.
            if (end < septets.Length && EndsInsideEscape(septets, start, end))
            {
                end--;
            }

            chunks.Add(septets[start..end]);
            start = end;
        }

        return chunks;
    }

    private static bool EndsInsideEscape(byte[] septets, int start, int end)
    {
        var inside = false;
        for (var i = start; i < end; i++)
        {
            inside = !inside && septets[i] == Gsm7.Escape;
        }

        return inside;
    }

    private static List<byte[]> SplitUcs2(string text)
    {
        if (text.Length <= Ucs2Single)
        {
            return [Encoding.BigEndianUnicode.GetBytes(text)];
        }

        var chunks = new List<byte[]>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(Ucs2Part, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            chunks.Add(Encoding.BigEndianUnicode.GetBytes(text.Substring(start, length)));
            start += length;
        }

        return chunks;
    }

    private sealed class PduReader(byte[] data)
    {
        private int _position;

        public byte Byte() => _position < data.Length ? data[_position++] : throw new FormatException("The PDU ends early.");

        public void Skip(int count)
        {
            if (_position + count > data.Length)
            {
                throw new FormatException("The PDU ends early.");
            }

            _position += count;
        }

        public byte[] Rest()
        {
            var rest = data[_position..];
            _position = data.Length;
            return rest;
        }

        public string Address()
        {
            var digits = Byte();
            var type = Byte();
            var octets = (digits + 1) / 2;
            Skip(octets);
            var raw = data.AsSpan(_position - octets, octets);
            if ((type & 0x70) == 0x50)
            {
                return Gsm7.Decode(Gsm7.Unpack(raw, digits * 4 / 7, 0));
            }

            var number = new StringBuilder(digits + 1);
            if ((type & 0x70) == 0x10)
            {
                number.Append('+');
            }

            for (var i = 0; i < digits; i++)
            {
                var nibble = i % 2 == 0 ? raw[i / 2] & 0x0F : raw[i / 2] >> 4;
                number.Append(nibble < 10 ? (char)('0' + nibble) : "*#abc"[Math.Min(nibble - 10, 4)]);
            }

            return number.ToString();
        }

        public DateTimeOffset? Timestamp()
        {
            Skip(7);
            var raw = data[(_position - 7).._position];
            int Digit(int i) => ((raw[i] & 0x0F) * 10) + (raw[i] >> 4);
            try
            {
                var quarterHours = ((raw[6] & 0x07) * 10) + (raw[6] >> 4);
                var offset = TimeSpan.FromMinutes(15 * quarterHours * ((raw[6] & 0x08) != 0 ? -1 : 1));
                return new DateTimeOffset(2000 + Digit(0), Digit(1), Digit(2), Digit(3), Digit(4), Digit(5), offset);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
