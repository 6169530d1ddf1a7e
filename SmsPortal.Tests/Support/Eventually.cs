namespace SmsPortal.Tests.Support;

/// <summary>Waits for work done in the background (a job, a channel, a peer) instead of sleeping a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls until the condition holds; fails the test after <paramref name="within"/> (30 s when not given).</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        HoldsAsync(condition, within ?? TimeSpan.FromSeconds(30), () => what);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan within, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), within, () => what);

    /// <param name="what">Read only on failure: what to say (for example the state the test was waiting to leave).</param>
    public static Task HoldsAsync(Func<bool> condition, TimeSpan within, Func<string> what) =>
        HoldsAsync(() => Task.FromResult(condition()), within, what);

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what) =>
        HoldsAsync(condition, within, () => what);

    public static Task HoldsAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan within) =>
        HoldsAsync(condition, within, what);

    private static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within.TotalSeconds:0.#} s: {what()}");
            }

            await Task.Delay(Poll);
        }
    }
}
