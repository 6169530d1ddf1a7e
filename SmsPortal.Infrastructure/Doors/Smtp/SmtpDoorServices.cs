using SmtpServer.Authentication;
using SmtpServer.Net;
using SmtpServer.Storage;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>What the SmtpServer package asks its service provider for: the door's authenticator, filter, store and listener factory.</summary>
internal sealed class SmtpDoorServices(IUserAuthenticator authenticator, IMailboxFilter filter, IMessageStore store, IEndpointListenerFactory listeners) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(IUserAuthenticator) ? authenticator
        : serviceType == typeof(IMailboxFilter) ? filter
        : serviceType == typeof(IMessageStore) ? store
        : serviceType == typeof(IEndpointListenerFactory) ? listeners
        : null;
}
