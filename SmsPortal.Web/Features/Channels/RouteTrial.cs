using SmsPortal.Domain.Sending;

namespace SmsPortal.Web.Features.Channels;

public sealed record RouteTrial(string? Mobile, Carrier Carrier, IReadOnlyList<RouteTry> Tries, string? DefaultChannel);
