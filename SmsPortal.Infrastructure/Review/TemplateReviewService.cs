using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Review;

/// <summary>What a template is filed with besides its text; every part optional.</summary>
/// <param name="Name">The customer's label, up to 40 characters.</param>
/// <param name="SampleValues">One example value per placeholder, in order, for the reviewer's preview.</param>
/// <param name="MaxVariableLength">The longest value a variable may take when sending (1 to 30; the vendor's 8 when null).</param>
public sealed record TemplateDetails(string? Name = null, IReadOnlyList<string>? SampleValues = null, int? MaxVariableLength = null);

/// <summary>
/// The answer to filing a template, ready for the vendor's AddTemplate: <see cref="Code"/> 2 with the new
/// <see cref="TemplateId"/>; 404 for an empty text; 407 for a sensitive word; 0 for anything else wrong (a broken
/// placeholder, a text too long, an emoji, samples that do not fit), with <see cref="Message"/> saying what in the
/// vendor's language and <see cref="Fault"/> saying it to the console.
/// </summary>
public sealed record TemplateFiling(int? TemplateId, ResultCode Code, string Message, TemplateFault? Fault)
{
    public bool IsFiled => TemplateId is not null;
}

public sealed record TemplateRow(
    int Id, int? AccountId, string? Name, TemplateKind Kind, string Text, int MaxVariableLength, string? SampleValues,
    ReviewState State, string? RejectionReason, DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt)
{
    public bool IsPlatformTemplate => AccountId is null;
}

public sealed record TemplatePage(IReadOnlyList<TemplateRow> Rows, int Total);

/// <summary>An approved template as the sending pipeline matches against it.</summary>
public sealed record ApprovedTemplateRow(int Id, string Text, TemplateKind Kind, int MaxVariableLength, bool IsPlatformTemplate);

/// <summary>Whether an account is still in trial (<see cref="TrialPolicy"/>): verified, and paid at least once.</summary>
public sealed record TrialStatus(bool IsVerified, bool HasPaid)
{
    public bool InTrial => TrialPolicy.IsInTrial(IsVerified, HasPaid);
}

/// <summary>
/// Templates: filed by customers in the console and by the vendor API's AddTemplate, reviewed by admins, read by the
/// sending pipeline. The platform's templates (AccountId null, id 1 among them) belong to every account.
/// </summary>
public sealed class TemplateReviewService(
    IDbContextFactory<SmsPortalDbContext> contexts,
    SensitiveWords sensitiveWords,
    TimeProvider clock)
{
    /// <summary>
    /// Files a template for review and returns its id, pending. The text uses the vendor's 【变量】 placeholders. Filing
    /// the same text again while an earlier filing of it is pending or approved answers that template's id and stores
    /// nothing new, so a client that retries AddTemplate does not queue duplicates. Nothing is stored when the answer
    /// is not 2. The caller has authenticated <paramref name="accountId"/> (and refused a frozen account: 4050).
    /// </summary>
    public async Task<TemplateFiling> FileAsync(int accountId, string? text, TemplateKind kind, TemplateDetails? details = null, CancellationToken cancellationToken = default)
    {
        details ??= new TemplateDetails();
        if (await CheckAsync(text, details, cancellationToken) is { } refused)
        {
            return refused;
        }

        var trimmed = text!.Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var earlier = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.AccountId == accountId && t.Text == trimmed && (t.State == ReviewState.Pending || t.State == ReviewState.Approved))
            .OrderBy(t => t.Id).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (earlier is { } id)
        {
            return Filed(id);
        }

        var now = clock.GetUtcNow();
        var template = new MessageTemplate
        {
            AccountId = accountId,
            Kind = kind,
            Text = trimmed,
            State = ReviewState.Pending,
            CreatedAt = now,
            SubmittedAt = now,
        };
        Apply(template, details);
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return Filed(template.Id);
    }

    /// <summary>Corrects a rejected template of the account and hands it in again (same id).</summary>
    public async Task<TemplateFiling> ResubmitAsync(int accountId, int templateId, string? text, TemplateKind kind, TemplateDetails? details = null, CancellationToken cancellationToken = default)
    {
        details ??= new TemplateDetails();
        if (await CheckAsync(text, details, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Id == templateId && t.AccountId == accountId, cancellationToken);
        if (template is null || !ReviewFlow.CanEdit(template.State))
        {
            return Refused(new TemplateFault(TemplateProblem.NotEditable));
        }

        template.Text = text!.Trim();
        template.Kind = kind;
        Apply(template, details);
        ReviewFlow.Submit(template, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Filed(template.Id);
    }

    /// <summary>Removes one of the account's own templates (never a platform template).</summary>
    public async Task<bool> DeleteAsync(int accountId, int templateId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MessageTemplates.Where(t => t.Id == templateId && t.AccountId == accountId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The account's templates, newest first, with the platform's approved ones at the start of the first page.</summary>
    /// <param name="ownOnly">Only the account's own templates, without the platform's approved ones every account may use.</param>
    public async Task<TemplatePage> SearchAsync(int accountId, ReviewState? state, int skip, int take, CancellationToken cancellationToken, bool ownOnly = false)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.MessageTemplates.AsNoTracking().Where(t => t.AccountId == accountId || (!ownOnly && t.AccountId == null && t.State == ReviewState.Approved));
        if (state is { } wanted)
        {
            query = query.Where(t => t.State == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(t => t.AccountId == null ? 0 : 1).ThenByDescending(t => t.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(t => new TemplateRow(t.Id, t.AccountId, t.Name, t.Kind, t.Text, t.MaxVariableLength, t.SampleValues, t.State, t.RejectionReason, t.SubmittedAt, t.ReviewedAt))
            .ToListAsync(cancellationToken);
        return new TemplatePage(rows, total);
    }

    public async Task<TemplateRow?> GetAsync(int accountId, int templateId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MessageTemplates.AsNoTracking().Where(t => t.Id == templateId && (t.AccountId == accountId || t.AccountId == null))
            .Select(t => new TemplateRow(t.Id, t.AccountId, t.Name, t.Kind, t.Text, t.MaxVariableLength, t.SampleValues, t.State, t.RejectionReason, t.SubmittedAt, t.ReviewedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The templates the account may send with: its own approved ones and the platform's (AccountId null, template 1
    /// among them), lowest id first. What the pipeline builds its <see cref="TemplateMatcher"/> from.
    /// </summary>
    public async Task<IReadOnlyList<ApprovedTemplateRow>> ApprovedForAccountAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MessageTemplates.AsNoTracking()
            .Where(t => t.State == ReviewState.Approved && (t.AccountId == accountId || t.AccountId == null))
            .OrderBy(t => t.Id)
            .Select(t => new ApprovedTemplateRow(t.Id, t.Text, t.Kind, t.MaxVariableLength, t.AccountId == null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Verified (enterprise verification approved) and paid (at least one top-up on the ledger).</summary>
    public async Task<TrialStatus> GetTrialStatusAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var verified = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.IsVerified).FirstOrDefaultAsync(cancellationToken);
        var paid = await db.LedgerEntries.AnyAsync(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.TopUp, cancellationToken);
        return new TrialStatus(verified, paid);
    }

    private async Task<TemplateFiling?> CheckAsync(string? text, TemplateDetails details, CancellationToken cancellationToken)
    {
        if (details.Name is { Length: > MessageTemplate.NameMaxLength })
        {
            return Refused(new TemplateFault(TemplateProblem.NameTooLong));
        }

        var matcher = await sensitiveWords.GetMatcherAsync(cancellationToken);
        var samples = details.SampleValues?.Select(s => s.Trim()).ToList();
        var (_, fault) = TemplateRules.Check(text?.Trim(), samples is { Count: > 0 } && samples.Any(s => s.Length > 0) ? samples : null,
            details.MaxVariableLength ?? TemplateRules.DefaultMaxVariableLength, matcher);
        return fault is null ? null : Refused(fault);
    }

    private static void Apply(MessageTemplate template, TemplateDetails details)
    {
        template.Name = string.IsNullOrWhiteSpace(details.Name) ? null : details.Name.Trim();
        template.MaxVariableLength = details.MaxVariableLength ?? TemplateRules.DefaultMaxVariableLength;
        var samples = details.SampleValues?.Select(s => s.Trim()).ToList();
        template.SampleValues = samples is { Count: > 0 } && samples.Any(s => s.Length > 0) ? TemplateRules.JoinSamples(samples) : null;
    }

    private static TemplateFiling Filed(int id) => new(id, ResultCode.Accepted, ResultMessages.AddTemplate(ResultCode.Accepted), null);

    private static TemplateFiling Refused(TemplateFault fault)
    {
        var code = fault.Problem switch
        {
            TemplateProblem.Empty => ResultCode.ContentMissing,
            TemplateProblem.SensitiveWord => ResultCode.SensitiveWords,
            _ => ResultCode.Failed,
        };
        return new TemplateFiling(null, code, TemplateRules.VendorMessage(fault), fault);
    }
}
