namespace SmsPortal.Domain.Sending;

/// <summary>
/// A running worker process, heart-beating while it lives: dispatch claims name it, so claims held by a process
/// that died are found and released (<c>Id</c> is "node/instance").
/// </summary>
public sealed class WorkerInstance
{
    public required string Id { get; set; }

    /// <summary>The node's name (Node:Name, else the machine name): a restarted process recognises its predecessor by it.</summary>
    public required string Node { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}
