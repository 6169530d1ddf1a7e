namespace SmsPortal.Bench.Circuits;

/// <summary>An event handler the server attached to an element: what a browser would hold to dispatch the event.</summary>
/// <param name="Id">The handler id the server assigned (what DispatchEventAsync names).</param>
/// <param name="EventName">The attribute without its "on" ("click", "change").</param>
/// <param name="ComponentId">The component whose render attached it.</param>
/// <param name="Element">The element's name, or null when the batch only replaced the attribute (a SetAttribute edit).</param>
/// <param name="Attributes">The element's other string attributes at that render (class, aria-label, ...).</param>
public sealed record RenderedHandler(ulong Id, string EventName, int ComponentId, string? Element, IReadOnlyDictionary<string, string> Attributes);
