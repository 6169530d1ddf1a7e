using Route = SmsPortal.Domain.Channels.Route;

namespace SmsPortal.Web.Features.Channels;

/// <summary>A routing rule as the routes page lists it, with the account it is limited to.</summary>
public sealed record RouteRow(Route Route, string? AccountName, string? AccountApiId)
{
    /// <summary>Declared beside a channel in configuration (negative ids): shown, not editable here.</summary>
    public bool FromConfiguration => Route.Id < 0;
}
