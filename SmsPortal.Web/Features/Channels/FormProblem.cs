namespace SmsPortal.Web.Features.Channels;

/// <summary>One thing wrong with a form: the field, the text key that says what (ChannelsText "Problem.*"), and a detail to show with it.</summary>
public sealed record FormProblem(string Field, string Key, string? Detail = null);
