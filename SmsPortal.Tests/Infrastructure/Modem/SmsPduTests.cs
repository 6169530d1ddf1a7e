using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Modem;

namespace SmsPortal.Tests.Infrastructure.Modem;

/// <summary>PDU vectors: the 3GPP 23.038 packing example, the widely quoted SMS-DELIVER example, and PDUs gammu wrote.</summary>
public sealed class SmsPduTests
{
    private const string Smsc = "+8613800100500";
    private const int SixtyThreeWeeks = 63 * 7 * 1440;

    [Fact]
    public void PacksSeptetsAsThe7BitExampleShows()
    {
        var septets = Gsm7.Encode("hellohello")!;

        Assert.Equal("E8329BFD4697D9EC37", Convert.ToHexString(Gsm7.Pack(septets, carriageReturnFill: false)));
        Assert.Equal("hellohello", Gsm7.Decode(Gsm7.Unpack(Gsm7.Pack(septets, carriageReturnFill: false), septets.Length, 0)));
    }

    [Fact]
    public void EncodesAShortMessageAsGammuDoes()
    {
        // gammu sendsms TEXT +8613800138000 -text "Hello from gammu {test}" -report, through the emulator.
        var part = Assert.Single(SmsPdu.EncodeSubmit("13800138000", "Hello from gammu {test}", 0, statusReport: true, SixtyThreeWeeks, Smsc));

        Assert.Equal("0891683108100005F031000D91683108108300F00000FF19C8329BFD0699E5EF36E81C6EB7EBA00D8A5E9ED33729", part.Hex);
        Assert.Equal(37, part.TpduLength);
    }

    [Fact]
    public void SplitsALongGsmMessageWithExtensionCharactersAsGammuDoes()
    {
        var text = string.Concat(Enumerable.Repeat("Price [EUR] {10€} ^ok| ", 8));

        var parts = SmsPdu.EncodeSubmit("13800138000", text, 0xBA, statusReport: false, SixtyThreeWeeks, Smsc);

        Assert.Equal(
        [
            "0891683108100005F051000D91683108108300F00000FFA0050003BA0201A0F2F4B80CDAF08A55E9C607DAA062B04D7993026D28EFF5060882CAD3E33268C32B56A51B1F68838AC136E54D0AB4A1BCD71B20082A4F8FCBA00DAF58956E7CA00D2A06DB943729D086F25E6F8020A83C3D2E8336BC6255BAF18136A8186C53DEA4401BCA7BBD0182A0F2F4B80CDAF08A55E9C607DAA062B04D7993026D28EFF5060882CAD3",
            "0891683108100005F051000D91683108108300F00000FF5E050003BA0202C665D08657AC4A373ED00615836DCA9B14684379AF374010549E1E97411B5EB12ADDF8401B540CB6296F52A00DE5BDDE004150797A5C066D78C5AA74E3036D5031D8A6BC49813694F77A030401",
        ], parts.Select(p => p.Hex));
    }

    [Fact]
    public void SplitsALongUcs2MessageAsGammuDoesWithoutCuttingASurrogatePair()
    {
        var text = string.Concat(Enumerable.Repeat("【签名】验证码，请勿泄露。Hello 😀 尾巴", 3));

        var parts = SmsPdu.EncodeSubmit("852 91234567", text, 0xBF, statusReport: false, SixtyThreeWeeks, Smsc);

        Assert.Equal(
        [
            "0891683108100005F051000B915892214365F70008FF8C050003BF020130107B7E540D30119A8C8BC17801FF0C8BF752FF6CC49732300200480065006C006C006F0020D83DDE0000205C3E5DF430107B7E540D30119A8C8BC17801FF0C8BF752FF6CC49732300200480065006C006C006F0020D83DDE0000205C3E5DF430107B7E540D30119A8C8BC17801FF0C8BF752FF6CC49732300200480065006C006C006F0020",
            "0891683108100005F051000B915892214365F70008FF10050003BF0202D83DDE0000205C3E5DF4",
        ], parts.Select(p => p.Hex));
        Assert.Equal([2, 2], parts.Select(p => p.Total));
    }

    [Theory]
    [InlineData("13800138000", "8613800138000", true)]
    [InlineData("852 91234567", "85291234567", true)]
    [InlineData("+85291234567", "85291234567", true)]
    [InlineData("10086", "10086", false)]
    public void WritesMainlandAndAbroadNumbersInInternationalForm(string mobile, string digits, bool international) =>
        Assert.Equal((digits, international), SmsPdu.Destination(mobile));

    [Theory]
    [InlineData(5, 0)]
    [InlineData(60, 11)]
    [InlineData(720, 143)]
    [InlineData(1440, 167)]
    [InlineData(3 * 1440, 169)]
    [InlineData(SixtyThreeWeeks, 255)]
    public void RoundsTheValidityPeriodUpToWhatTpVpCanSay(int minutes, int expected) =>
        Assert.Equal(expected, SmsPdu.RelativeValidity(minutes));

    [Fact]
    public void DecodesTheTextbookSmsDeliver()
    {
        var message = Assert.IsType<DeliverPdu>(SmsPdu.Decode("07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07", 30));

        Assert.Equal("+31641600986", message.From);
        Assert.Equal("How are you?", message.Text);
        // Its time-zone octet 0x08 is "-0" by 23.040 §9.2.3.11 (bit 3 is the sign), whatever the page says: check the clock only.
        Assert.Equal(new DateTime(2002, 8, 26, 19, 37, 41), message.SentAt!.Value.DateTime);
        Assert.Null(message.Concatenation);
    }

    [Fact]
    public void DecodesAConcatenatedUcs2Part()
    {
        // Part 2 of 3 (reference 0x42) from 10086: "您好" in UCS-2 after an 8-bit concatenation UDH.
        var message = Assert.IsType<DeliverPdu>(SmsPdu.Decode("0891683108100005F04405A10180F600087111327154002B0A05000342030260A8597D", 25));

        Assert.Equal(("10086", "您好"), (message.From, message.Text));
        Assert.Equal(new Concatenation(0x42, 3, 2), message.Concatenation);
    }

    [Theory]
    [InlineData("07911326040000F0062A0B911346610089F6208062917314082080629173150800", 25)]
    [InlineData("062A0B911346610089F6208062917314082080629173150800", 25)]
    public void DecodesAStatusReportWithOrWithoutTheSmscAddress(string pdu, int length)
    {
        var report = Assert.IsType<StatusReportPdu>(SmsPdu.Decode(pdu, length));

        Assert.Equal((42, "+31641600986", true, true), (report.Reference, report.Recipient, report.Delivered, report.IsFinal));
        Assert.Equal("31641600986", SmsPdu.MatchKey(report.Recipient));
    }

    [Theory]
    [InlineData(0x00, true, true)]
    [InlineData(0x20, false, false)]
    [InlineData(0x41, false, true)]
    [InlineData(0x62, false, true)]
    public void ReadsTheStatusOfAReport(byte status, bool delivered, bool final)
    {
        var report = new StatusReportPdu(1, "+8613800138000", status);

        Assert.Equal((delivered, final), (report.Delivered, report.IsFinal));
    }

    [Fact]
    public void GarbageAndMutatedPdusAreAFormatErrorAndNothingElse()
    {
        var random = new Random(5);
        string[] seeds =
        [
            "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07",
            "0891683108100005F04405A10180F600087111327154002B0A05000342030260A8597D",
            "07911326040000F0062A0B911346610089F6208062917314082080629173150800",
        ];
        for (var i = 0; i < 5000; i++)
        {
            var bytes = Convert.FromHexString(seeds[i % seeds.Length]);
            if (i % 2 == 0)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                bytes = bytes[..random.Next(1, bytes.Length + 1)];
            }
            else
            {
                bytes = new byte[random.Next(0, 60)];
                random.NextBytes(bytes);
            }

            try
            {
                SmsPdu.Decode(Convert.ToHexString(bytes), random.Next(3) == 0 ? null : random.Next(0, 60));
            }
            catch (FormatException)
            {
                // Expected for most: logged and skipped by the modem.
            }
        }

        Assert.Throws<FormatException>(() => SmsPdu.Decode("zz", 1));
    }
}
