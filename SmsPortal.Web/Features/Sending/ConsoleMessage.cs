using System.Globalization;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Web.Features.Sending;

/// <summary>One piece of the preview: the signature, fixed template text, a filled value or a placeholder still empty.</summary>
internal sealed record PreviewPart(string Text, PreviewPartKind Kind);

internal enum PreviewPartKind
{
    Signature,
    Fixed,
    Value,
    Empty,
}

/// <summary>What the send form composes: a template, the values of its variables, and the signature in front.</summary>
internal sealed record ConsoleMessage(int TemplateId, ParsedTemplate Template, string Signature, IReadOnlyList<string> Values)
{
    /// <summary>The final text as the phone shows it; an empty variable shows as its 【name】.</summary>
    public string Text => string.Concat(Parts.Select(p => p.Text));

    /// <summary>The text without its signature (an empty variable as its 【name】).</summary>
    public string Body => string.Concat(Parts.Skip(1).Select(p => p.Text));

    /// <summary>
    /// The message as the submission service composes it (<see cref="ForSubmission"/>): a send by template id carries the
    /// account's signature, a full text the signature the customer chose, which then goes abroad too.
    /// </summary>
    public ComposedMessage Composed(string signatureOfTemplateSends) =>
        new(Signature, Body, ForSubmission(signatureOfTemplateSends).TemplateId is null, TemplateId);

    public bool IsComplete => Values.Count == Template.VariableNames.Count && Values.All(v => !string.IsNullOrEmpty(v));

    /// <summary>Parts billed for each number, counted on <see cref="Text"/> (exact once every variable is filled).</summary>
    public SegmentCount Segments => SegmentCounter.Count(Text);

    public IReadOnlyList<PreviewPart> Parts
    {
        get
        {
            var parts = new List<PreviewPart> { new(SignatureRules.Compose(Signature, ""), PreviewPartKind.Signature) };
            for (var i = 0; i <= Template.VariableNames.Count; i++)
            {
                if (Template.Literals[i].Length > 0)
                {
                    parts.Add(new(Template.Literals[i], PreviewPartKind.Fixed));
                }

                if (i < Template.VariableNames.Count)
                {
                    var value = i < Values.Count ? Values[i] : "";
                    parts.Add(string.IsNullOrEmpty(value)
                        ? new(SignatureRules.Open + Template.VariableNames[i] + SignatureRules.Close, PreviewPartKind.Empty)
                        : new(value, PreviewPartKind.Value));
                }
            }

            return parts;
        }
    }

    /// <summary>
    /// The content and templateid to hand the submission service. By template id when the signature is the one the
    /// service puts on a template send (the values go as the vendor's content, joined by |); otherwise, or when a value
    /// holds a | itself, as the full text with its signature, which the service matches against the approved templates.
    /// Either way the service decides: nothing is checked here.
    /// </summary>
    public (string Content, string? TemplateId) ForSubmission(string signatureOfTemplateSends)
    {
        if (string.Equals(Signature, signatureOfTemplateSends, StringComparison.Ordinal) && !Values.Any(v => v.Contains('|', StringComparison.Ordinal)))
        {
            return (string.Join('|', Values), TemplateId.ToString(CultureInfo.InvariantCulture));
        }

        return (SignatureRules.Compose(Signature, Template.Render(Values)), null);
    }
}
