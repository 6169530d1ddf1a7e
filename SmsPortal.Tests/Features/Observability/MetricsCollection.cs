namespace SmsPortal.Tests.Features.Observability;

/// <summary>
/// Meters and activity sources are listened to by name across the process: while these tests read them, no other
/// portal may be running, or its messages would be counted too. xunit runs this collection alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}
