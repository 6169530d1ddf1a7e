namespace SmsPortal.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Reseller = "Reseller";
    public const string Customer = "Customer";

    public static readonly string[] All = [Admin, Reseller, Customer];
}

public static class Policies
{
    public const string Admin = "Admin";
    public const string Console = "Console";
}
