namespace SmsPortal.Tests.Features.Security;

/// <summary>A caller of the isolation matrix that has an account: its signed-in person and its API credentials.</summary>
public sealed record Member(HttpClient Client, int AccountId, string ApiId, string ApiKey, string Email);
