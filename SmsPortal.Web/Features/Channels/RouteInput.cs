using SmsPortal.Domain.Sending;

namespace SmsPortal.Web.Features.Channels;

public sealed record RouteInput(string? Channel, int? AccountId, string? Prefix, Carrier? Carrier, int Priority, int Weight, decimal CostPerPart, bool Enabled);
