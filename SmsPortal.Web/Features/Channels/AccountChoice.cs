namespace SmsPortal.Web.Features.Channels;

/// <summary>An account an admin can limit a route to.</summary>
public sealed record AccountChoice(int Id, string Name, string ApiId)
{
    public override string ToString() => $"{ApiId} · {Name}";
}
