namespace SmsPortal.Infrastructure.Abuse;

/// <summary>The velocity windows one send was taken from, to count it in once it is accepted.</summary>
public sealed record VelocityTicket(IReadOnlyList<(string Key, VelocityLimit Limit)> Windows);
