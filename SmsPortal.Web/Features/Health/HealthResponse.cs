using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmsPortal.Web;

/// <summary>/health answers with each check's status, so a load balancer and a person read the same thing.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
