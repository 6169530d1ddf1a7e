using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmsPortal.Domain.Review;
using SmsPortal.Tests.Infrastructure.Smpp.Server;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Observability;

/// <summary>docs/grafana/smsportal.json is a dashboard Grafana can import, and every metric it queries is one the portal exports.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class GrafanaDashboardTests(MetricsPortal fixture) : IClassFixture<MetricsPortal>
{
    private static readonly HashSet<string> PromQl = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "count", "rate", "irate", "increase", "histogram_quantile", "clamp_min", "clamp_max", "and", "or", "unless", "on", "ignoring", "bool",
    };

    [Fact]
    public async Task EveryMetricTheDashboardQueriesIsOneThePortalExports()
    {
        var queried = QueriedMetrics();
        Assert.True(queried.Count >= 15, string.Join(", ", queried));

        // Every kind of event once, so that counters and histograms that appear on first use are there.
        await MetricsTests.VendorApiSendsAsync(fixture);
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 10, verified: true, paid: true, signatures: ["Acme"],
            templates: [("code", "Your code is 【code】, valid for 5 minutes.", TemplateKind.VerificationCode)]);
        var (exitCode, output) = await SmppServerPortal.NodeAsync("esme.js", "--host", "127.0.0.1", "--port", fixture.SmppPort.ToString(CultureInfo.InvariantCulture),
            "--system-id", account.ApiId, "--password", account.ApiKey, "--count", "1", "--to", "1391234", "--text", "【Acme】Your code is 4821, valid for 5 minutes.", "--wait-ms", "20000");
        Assert.True(exitCode == 0, output);

        PrometheusText metrics = null!;
        await Eventually.HoldsAsync(
            async () => (metrics = await fixture.ScrapeAsync()).Has("smsportal_health"),
            () => "the health checks are published:\n" + metrics.Text,
            TimeSpan.FromSeconds(30));
        var missing = queried.Where(name => !metrics.Names.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"queried but not exported: {string.Join(", ", missing)}");
    }

    [Fact]
    public void TheDashboardHasAPanelForEveryMetricFamilyOfThePortal()
    {
        var queried = QueriedMetrics();

        foreach (var family in new[]
        {
            "smsportal_submissions_accepted_total", "smsportal_submissions_refused_total", "smsportal_queue_outbox", "smsportal_queue_push_outbox",
            "smsportal_accept_to_submit_duration_seconds_bucket", "smsportal_accept_to_receipt_duration_seconds_bucket", "smsportal_channel_up",
            "smsportal_channel_state", "smsportal_channel_window_in_use", "smsportal_pushes_total", "smsportal_smpp_binds_total", "smsportal_smpp_sessions",
            "smsportal_jobs", "smsportal_health",
        })
        {
            Assert.Contains(family, queried);
        }
    }

    /// <summary>The metric names in the panels' queries: label matchers, groupings, ranges and functions taken out.</summary>
    private static HashSet<string> QueriedMetrics()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath()));
        Assert.Equal("SmsPortal", dashboard.RootElement.GetProperty("title").GetString());
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var target in targets.EnumerateArray())
            {
                var expr = target.GetProperty("expr").GetString()!;
                var bare = Ranges().Replace(Groupings().Replace(Matchers().Replace(expr, ""), ""), "");
                foreach (Match token in Identifier().Matches(bare))
                {
                    if (!PromQl.Contains(token.Value))
                    {
                        names.Add(token.Value);
                    }
                }
            }
        }

        return names;
    }

    private static string DashboardPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsPortal.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("SmsPortal.sln not found above the test binaries."), "docs", "grafana", "smsportal.json");
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b[a-zA-Z_:][a-zA-Z0-9_:]*\b")]
    private static partial Regex Identifier();
}
