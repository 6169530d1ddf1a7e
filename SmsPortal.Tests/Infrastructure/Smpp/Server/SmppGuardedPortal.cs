namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

/// <summary>The SMPP server with small abuse limits, so that a test can reach them: few connections per address, a short bind deadline, a lock-out after four failures, small part budgets, keys checked every second.</summary>
public sealed class SmppGuardedPortal : SmppServerPortal
{
    public const int PerAddress = 5;
    public const int LockoutFailures = 4;
    public const int FailureDelayMilliseconds = 100;
    public const int PartBytesPerBind = 2000;
    public const int PartBytesPerAccount = 3000;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Smpp:MaxConnectionsPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smpp:BindTimeoutSeconds"] = "5"; // 3 s closed a well-behaved bind on a loaded CI machine once
        settings["Smpp:BindLockoutFailures"] = LockoutFailures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smpp:BindFailureDelayMilliseconds"] = FailureDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smpp:MaxPendingPartBytesPerBind"] = PartBytesPerBind.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smpp:MaxPendingPartBytesPerAccount"] = PartBytesPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smpp:PartHoldMilliseconds"] = "100";
        settings["Smpp:MaxPerSecondPerAccount"] = "1000";
        settings["Smpp:KeyCheckSeconds"] = "1";
    }
}
