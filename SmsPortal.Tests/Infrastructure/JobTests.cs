using System.Collections.Concurrent;
using Hangfire;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

public sealed class JobTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task AJobEnqueuedOnThePortalRunsOnItsWorkers()
    {
        var marker = Guid.NewGuid();
        ProbeJob.Expect(marker);

        fixture.Portal.Service<IBackgroundJobClient>().Enqueue<ProbeJob>(job => job.Run(marker));

        var ranOn = await ProbeJob.WaitAsync(marker, TimeSpan.FromSeconds(30));
        Assert.NotEqual(Environment.CurrentManagedThreadId, ranOn);
    }
}

/// <summary>A job whose only effect is to say it ran, so a test can wait for it.</summary>
public sealed class ProbeJob
{
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource<int>> Runs = new();

    public static void Expect(Guid marker) => Runs[marker] = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task<int> WaitAsync(Guid marker, TimeSpan timeout) => Runs[marker].Task.WaitAsync(timeout);

    public void Run(Guid marker) => Runs[marker].TrySetResult(Environment.CurrentManagedThreadId);
}
