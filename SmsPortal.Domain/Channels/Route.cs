using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Channels;

/// <summary>
/// A routing rule: messages that match it (every condition left empty matches anything) may leave through its
/// channel. Rules are tried by priority, lowest number first; among rules of one priority the weight shares the
/// traffic. When a channel is down or refuses a message, the next rule in that order takes it (failover).
/// </summary>
public sealed class Route
{
    public int Id { get; set; }

    public required string Channel { get; set; }

    /// <summary>Only this account's messages; null for all.</summary>
    public int? AccountId { get; set; }

    /// <summary>
    /// Only numbers that start with this (mainland: "138", "1390"; abroad: "852 ", or "+" for every country); null for every
    /// mainland number. Numbers abroad take only a route that names them (<see cref="RoutePrefix"/>).
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>Only numbers of this mainland network; null for all.</summary>
    public Carrier? Carrier { get; set; }

    public int Priority { get; set; } = 100;

    /// <summary>Share of traffic among rules of the same priority (1 to 1000).</summary>
    public int Weight { get; set; } = 1;

    /// <summary>What the upstream charges per part, in the platform's currency; recorded on each message.</summary>
    public decimal CostPerPart { get; set; }

    public bool Enabled { get; set; } = true;

    public bool Matches(int accountId, string mobile, Carrier carrier) =>
        Enabled
        && (AccountId is null || AccountId == accountId)
        && RoutePrefix.Takes(Prefix, mobile)
        && (Carrier is null || Carrier == carrier);
}

/// <summary>Orders the rules a message may take: by priority, and within a priority by weighted chance.</summary>
public static class RouteTable
{
    /// <param name="random">A number in [0, 1) per priority group; tests pass fixed ones.</param>
    public static IReadOnlyList<Route> Candidates(IEnumerable<Route> routes, int accountId, string mobile, Carrier carrier, Func<double> random)
    {
        var ordered = new List<Route>();
        foreach (var group in routes.Where(r => r.Matches(accountId, mobile, carrier)).GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            var pool = group.OrderBy(r => r.Id).ToList();
            while (pool.Count > 0)
            {
                var total = pool.Sum(r => Math.Max(1, r.Weight));
                var pick = random() * total;
                var chosen = pool[^1];
                foreach (var route in pool)
                {
                    pick -= Math.Max(1, route.Weight);
                    if (pick < 0)
                    {
                        chosen = route;
                        break;
                    }
                }

                ordered.Add(chosen);
                pool.Remove(chosen);
            }
        }

        return ordered;
    }
}
