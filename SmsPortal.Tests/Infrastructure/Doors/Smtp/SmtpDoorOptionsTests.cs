using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure;
using SmsPortal.Infrastructure.Doors.Smtp;

namespace SmsPortal.Tests.Infrastructure.Doors.Smtp;

public sealed class SmtpDoorOptionsTests
{
    // A later setting of the same key wins, as a later configuration source does.
    private static SmtpDoorOptions Read(bool development, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (key, value) in settings)
        {
            values["Smtp:" + key] = value;
        }

        return SmtpDoorOptions.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Smtp"), development);
    }

    [Fact]
    public void TheDoorIsShutWhenNoPortIsSet()
    {
        var options = Read(development: false);

        Assert.False(options.Enabled);
        Assert.False(options.AllowAuthWithoutTls);
    }

    [Fact]
    public void AuthWithoutTlsIsTheDefaultInDevelopmentOnly()
    {
        Assert.True(Read(development: true, ("Port", "2525"), ("Domain", "sms.example.com")).AllowAuthWithoutTls);
        Assert.False(Read(development: false, ("Port", "2525"), ("Domain", "sms.example.com")).AllowAuthWithoutTls);
    }

    [Fact]
    public void AuthWithoutTlsOutsideDevelopmentStopsTheStart()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(development: false, ("Port", "2525"), ("Domain", "sms.example.com"), ("AllowAuthWithoutTls", "true")));

        Assert.Equal("Smtp:AllowAuthWithoutTls", error.Setting);
    }

    [Fact]
    public void AnOpenDoorNeedsItsMailDomain()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(development: true, ("Port", "2525")));

        Assert.Equal("Smtp:Domain", error.Setting);
        Assert.Equal("Smtp:Domain", Assert.Throws<ConfigurationException>(() => Read(development: true, ("Port", "2525"), ("Domain", "not a domain"))).Setting);
    }

    [Fact]
    public void ACertificateFileThatIsMissingOrUnreadableIsNamed()
    {
        var missing = Assert.Throws<ConfigurationException>(() => Read(false, ("Port", "2525"), ("Domain", "sms.example.com"), ("Certificate:Path", "/nonexistent/smtp.pfx")));
        var garbage = Path.GetTempFileName();
        File.WriteAllText(garbage, "not a certificate");
        var unreadable = Assert.Throws<ConfigurationException>(() => Read(false, ("Port", "2525"), ("Domain", "sms.example.com"), ("Certificate:Path", garbage)));
        File.Delete(garbage);

        Assert.Equal("Smtp:Certificate:Path", missing.Setting);
        Assert.Equal("Smtp:Certificate:Path", unreadable.Setting);
    }

    [Theory]
    [InlineData("Port", "70000")]
    [InlineData("MaxRecipients", "0")]
    [InlineData("MaxMessageBytes", "10")]
    [InlineData("Host", "localhost")]
    public void AWrongNumberOrAddressIsNamed(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(true, ("Port", "2525"), ("Domain", "sms.example.com"), (key, value)));

        Assert.Equal("Smtp:" + key, error.Setting);
    }

    [Fact]
    public void SettingsAreReadWithTheDomainLowerCased()
    {
        var options = Read(false, ("Port", "2525"), ("Domain", "SMS.Example.com."), ("MaxRecipients", "10"), ("MaxMessageBytes", "4096"));

        Assert.Equal(2525, options.Port);
        Assert.Equal("sms.example.com", options.Domain);
        Assert.Equal("sms.example.com", options.ServerName);
        Assert.Equal(10, options.MaxRecipients);
        Assert.Equal(4096, options.MaxMessageBytes);
    }
}
