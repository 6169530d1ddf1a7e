namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>Whether the SMTP door listens on this node, and on which port (known once the listener started).</summary>
public sealed class SmtpDoorStatus
{
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The port the door listens on; null when it is shut on this node.</summary>
    public int? Port => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    /// <summary>Completes with the port once the listener is bound (tests wait on it).</summary>
    public Task<int> Started => _started.Task;

    internal void Listening(int port) => _started.TrySetResult(port);
}
