namespace SmsPortal.Infrastructure.Channels.Http;

internal enum CallHealth
{
    /// <summary>The provider answered as a working provider does (accepted or refused a message).</summary>
    Healthy,

    /// <summary>Down, timing out, answering 5xx or garbage, or saying the channel itself cannot send.</summary>
    Failed,

    /// <summary>Says nothing about the provider (the caller gave up before anything was sent).</summary>
    Neutral,
}
