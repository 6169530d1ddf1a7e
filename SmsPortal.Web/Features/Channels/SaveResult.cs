namespace SmsPortal.Web.Features.Channels;

/// <summary>What a save did: the row's id, or every problem and nothing saved.</summary>
/// <param name="CallbackSecret">A callback secret the save made for the channel: shown to the admin this once, stored only encrypted.</param>
public sealed record SaveResult(int? Id, IReadOnlyList<FormProblem> Problems, string? CallbackSecret = null)
{
    public bool Ok => Problems.Count == 0;

    public static SaveResult Refused(IReadOnlyList<FormProblem> problems) => new(null, problems);
}
