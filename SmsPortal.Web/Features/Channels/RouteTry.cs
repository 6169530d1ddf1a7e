using Route = SmsPortal.Domain.Channels.Route;

namespace SmsPortal.Web.Features.Channels;

/// <summary>Which rule would take a number for an account, in the order they are tried, and the share of its priority group.</summary>
public sealed record RouteTry(Route Route, double Share, bool ChannelUp);
