using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Billing.Payments;

/// <summary>
/// The sandbox provider's side after the customer pressed Pay or Fail: a signed notification POSTed over HTTP to
/// the notify URL of the payment request. Anything but the acknowledgement fails the job, and Hangfire retries it,
/// as a real provider retries; the receiver applies a notification once whatever the number of deliveries.
/// </summary>
public sealed partial class SandboxNotifyJob(SandboxGateway sandbox, IHttpClientFactory http, ILogger<SandboxNotifyJob> logger)
{
    public const string HttpClientName = "sandbox-notify";

    public async Task DeliverAsync(string orderNumber, string amount, bool paid, string notifyUrl, CancellationToken cancellationToken)
    {
        var fields = await sandbox.NotificationAsync(orderNumber, amount, paid, cancellationToken);
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.PostAsync(new Uri(notifyUrl), new FormUrlEncodedContent(fields), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        LogDelivered(logger, orderNumber, (int)response.StatusCode, body.Length > 200 ? body[..200] : body);
        if (!response.IsSuccessStatusCode || body.Trim() != sandbox.Acknowledgement)
        {
            throw new HttpRequestException($"The notify URL answered {(int)response.StatusCode} '{body}' instead of '{sandbox.Acknowledgement}'.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox notification for {OrderNumber} answered {Status} {Body}")]
    private static partial void LogDelivered(ILogger logger, string orderNumber, int status, string body);
}
