using System.Security.Cryptography;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Who this process is to the claims it takes: the node's name (<c>Node:Name</c>, else the machine's) and an id
/// made at start, as "node/instance".
/// </summary>
public sealed class WorkerIdentity
{
    public WorkerIdentity(string? nodeName)
    {
        Node = string.IsNullOrWhiteSpace(nodeName) ? Environment.MachineName : nodeName.Trim();
        if (Node.Length > 64)
        {
            Node = Node[..64];
        }

        Holder = Node + "/" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    }

    public string Node { get; }

    /// <summary>The value claims carry in <c>ClaimedBy</c>.</summary>
    public string Holder { get; }
}
