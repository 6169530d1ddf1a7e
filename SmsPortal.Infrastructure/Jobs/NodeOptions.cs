namespace SmsPortal.Infrastructure.Jobs;

/// <summary>Section "Node": what this process does. Roles "Web", "Worker" or "Web,Worker" (the default).</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    public string Roles { get; set; } = "Web,Worker";

    /// <summary>Hangfire workers on this node; 0 picks one per core, at least 4.</summary>
    public int WorkerCount { get; set; }

    public bool RunsWeb => Has("Web");

    public bool RunsWorker => Has("Worker");

    private bool Has(string role) =>
        Roles.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    public static NodeOptions From(string? roles)
    {
        var options = new NodeOptions { Roles = string.IsNullOrWhiteSpace(roles) ? "Web,Worker" : roles };
        var parts = options.Roles.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var unknown = parts.FirstOrDefault(p => !p.Equals("Web", StringComparison.OrdinalIgnoreCase) && !p.Equals("Worker", StringComparison.OrdinalIgnoreCase));
        if (unknown is not null || parts.Length == 0)
        {
            throw new ConfigurationException("Node:Roles", $"'{roles}' is not a list of roles. Use Web, Worker or Web,Worker.");
        }

        return options;
    }
}
