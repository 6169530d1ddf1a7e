using System.Globalization;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Abuse;
using SmsPortal.Infrastructure.International;
using SmsPortal.Infrastructure.Observability;
using SmsPortal.Infrastructure.Sending.Countries;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>The answer to a submission: the vendor code (with the limit in force), and the message when accepted.</summary>
public sealed record SubmitResult(ResultCode Code, int? LimitInForce = null, long? MessageId = null, string? SmsId = null, string? Detail = null)
{
    public bool IsAccepted => Code == ResultCode.Accepted;

    public string Message => ResultMessages.Submit(Code, LimitInForce);

    public static SubmitResult From(Rejection rejection) => new(rejection.Code, rejection.LimitInForce, Detail: rejection.Detail);
}

/// <summary>A vendor-style Submit as it arrived: every parameter as text, exactly as sent.</summary>
public sealed record VendorSubmit(string? Account, string? Password, string? Mobile, string? Content, string? TemplateId, string? Time, string? ClientIp);

/// <summary>
/// The one submission service behind every door (vendor API, REST, console, SMPP). What needs no shared state
/// (credentials, number, content, signature, template) is decided here, in parallel, on the request's own
/// thread; what needs shared state (blacklist, per-number limits, balance) is decided by the
/// <see cref="SubmissionWriter"/>, which commits many submissions in one transaction and answers each one only
/// after that commit.
/// </summary>
public sealed class SubmissionService(
    SendingProfiles profiles,
    SubmissionWriter writer,
    FailedAuthentications failures,
    AccountRateLimiter accountRate,
    UsedDynamicPasswords usedPasswords,
    ISensitiveWordSource sensitiveWords,
    AbuseGuard abuse,
    CountryRules countries,
    InternationalPrices prices,
    IOptions<SendingOptions> options,
    SmsPortalTelemetry telemetry,
    TimeProvider clock)
{
    // Made once per process: no account has it, so a check against it fails for any input.
    private static readonly IReadOnlyList<string> UnknownAccountKeys = [Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))];

    /// <summary>Submit as the vendor's API takes it: presence, credentials, IP, dynamic password, then the common rules.</summary>
    public Task<SubmitResult> SubmitVendorAsync(VendorSubmit request, SubmissionDoor door, CancellationToken cancellationToken) =>
        CountedAsync(door, DecideVendorAsync(request, door, cancellationToken));

    private async Task<SubmitResult> DecideVendorAsync(VendorSubmit request, SubmissionDoor door, CancellationToken cancellationToken)
    {
        var (profile, refused) = await AuthenticateVendorAsync(request, cancellationToken);
        return refused ?? await DecideAsync(profile!, door, request.Mobile, request.Content, request.TemplateId, null, false, new SubmissionOrigin(request.ClientIp), null, null, cancellationToken);
    }

    /// <summary>
    /// Submit as the vendor's international product takes it (/webservice/isms.php): the same parameters, credentials
    /// and rules as <see cref="SubmitVendorAsync"/>, for numbers abroad only, charged in money (decision 0035). A mainland
    /// number is 406: the international product does not send to the mainland, the domestic one (/webservice/sms.php) does.
    /// </summary>
    public Task<SubmitResult> SubmitVendorInternationalAsync(VendorSubmit request, CancellationToken cancellationToken) =>
        CountedAsync(SubmissionDoor.VendorApi, DecideVendorInternationalAsync(request, cancellationToken));

    private async Task<SubmitResult> DecideVendorInternationalAsync(VendorSubmit request, CancellationToken cancellationToken)
    {
        var (profile, refused) = await AuthenticateVendorAsync(request, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (MobileNumber.Parse(request.Mobile) is { IsAccepted: true, Value.IsMainland: true })
        {
            return new SubmitResult(ResultCode.BadMobileFormat, Detail: "a mainland number: the international product sends abroad only; /webservice/sms.php sends to the mainland");
        }

        return await DecideAsync(profile!, SubmissionDoor.VendorApi, request.Mobile, request.Content, request.TemplateId, null, false, new SubmissionOrigin(request.ClientIp), null, null, cancellationToken);
    }

    /// <summary>
    /// The vendor's Submit up to the message: presence and credentials as for a send now, for a scheduled send
    /// (<c>stime</c>) that becomes a batch instead of a message. Returns the account, or the refusal.
    /// </summary>
    public async Task<(SendingProfile? Profile, SubmitResult? Refused)> AuthenticateVendorAsync(VendorSubmit request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SubmitResult? missing = string.IsNullOrEmpty(request.Account) ? new(ResultCode.AccountMissing)
            : string.IsNullOrEmpty(request.Password) ? new(ResultCode.PasswordMissing)
            : string.IsNullOrWhiteSpace(request.Mobile) ? new(ResultCode.MobileMissing)
            : string.IsNullOrEmpty(request.Content) && string.IsNullOrEmpty(request.TemplateId) ? new(ResultCode.ContentMissing)
            : null;
        if (missing is not null)
        {
            return (null, missing);
        }

        return await AuthenticateAsync(
            request.Account!,
            request.ClientIp,
            request.Password!,
            request.Time,
            key => DynamicPassword.CheckSubmit(request.Password!, request.Account!, key, request.Mobile!, request.Content ?? "", request.Time, clock.GetUtcNow(), PasswordWindow),
            ResultCode.DynamicPasswordWrong,
            cancellationToken);
    }

    /// <summary>
    /// One number of a batch send, decided by the same rules as a send from <paramref name="door"/>; its outcome is written
    /// to <paramref name="batchNumberId"/> in the transaction that decides it (when the writer decides it), and the
    /// idempotency key makes a number submitted twice (a worker that lost its hold) the same message.
    /// </summary>
    public Task<SubmitResult> SubmitBatchNumberAsync(SendingProfile profile, SubmissionDoor door, string mobile, string content, string? templateIdText, long batchNumberId, CancellationToken cancellationToken) =>
        CountedAsync(door, DecideAsync(profile, door, mobile, content, templateIdText, BatchIdempotencyKey(batchNumberId), false, SubmissionOrigin.Unknown, null, batchNumberId, cancellationToken));

    /// <summary>The idempotency key of a batch's number: it starts with a control character, which no HTTP header (the REST door's Idempotency-Key) can carry.</summary>
    internal static string BatchIdempotencyKey(long batchNumberId) => "\u0001batch:" + batchNumberId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The account's balances for GetNum: code 2 with the SMS it can still send and its money for international SMS
    /// (CNY fen), or the refusal.
    /// </summary>
    public async Task<(ResultCode Code, long Balance, long MoneyFen)> GetNumAsync(string? account, string? password, string? time, string? clientIp, CancellationToken cancellationToken)
    {
        var (code, profile) = await CheckPasswordAsync(account, password, time, clientIp, cancellationToken);
        if (profile is null)
        {
            return (code, 0, 0);
        }

        var (credits, money) = await writer.BalancesAsync(profile.AccountId, cancellationToken);
        return (ResultCode.Accepted, credits, money);
    }

    /// <summary>
    /// Credentials for calls without a message (GetNum, AddTemplate): the API key, or md5(account + apikey + time).
    /// These calls have no 40501/40502 of their own in the vendor's list: a wrong password is 405.
    /// </summary>
    public async Task<(ResultCode Code, SendingProfile? Profile)> CheckPasswordAsync(string? account, string? password, string? time, string? clientIp, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(account))
        {
            return (ResultCode.AccountMissing, null);
        }

        if (string.IsNullOrEmpty(password))
        {
            return (ResultCode.PasswordMissing, null);
        }

        var (profile, refused) = await AuthenticateAsync(
            account,
            clientIp,
            password,
            time,
            key => DynamicPassword.CheckGetNum(password, account, key, time, clock.GetUtcNow(), PasswordWindow) is null ? null : new Rejection(ResultCode.BadCredentials),
            ResultCode.BadCredentials,
            cancellationToken);
        return refused is null ? (ResultCode.Accepted, profile) : (refused.Code, null);
    }

    /// <summary>The REST door's credentials: the API ID and the API key itself (no dynamic password).</summary>
    public Task<(SendingProfile? Profile, SubmitResult? Refused)> AuthenticateKeyAsync(string apiId, string apiKey, string? clientIp, CancellationToken cancellationToken) =>
        AuthenticateAsync(apiId, clientIp, apiKey, null, key => ApiCredentials.KeysEqual(key, apiKey) ? null : new Rejection(ResultCode.BadCredentials), ResultCode.BadCredentials, cancellationToken);

    /// <summary>
    /// Checks the API ID, the account's state and the caller's address; the password is the door's business.
    /// The SMPP door's bind: it checks the password itself after this.
    /// </summary>
    public async Task<(SendingProfile? Profile, SubmitResult? Refused)> AuthenticateAsync(string apiId, string? clientIp, CancellationToken cancellationToken)
    {
        if (clientIp is not null && options.Value.DeniedIps.Contains(clientIp))
        {
            return (null, new SubmitResult(ResultCode.IpNotAllowed));
        }

        var profile = ApiCredentials.IsValidApiId(apiId) ? await profiles.FindAsync(apiId, cancellationToken) : null;
        if (profile is null || profile.ApiKeys.Count == 0)
        {
            return (null, new SubmitResult(ResultCode.BadCredentials));
        }

        if (profile.Status == AccountStatus.Frozen)
        {
            return (null, new SubmitResult(ResultCode.AccountFrozen));
        }

        if (profile.AllowedIps.Count > 0 && (clientIp is null || !profile.AllowedIps.Contains(clientIp)))
        {
            return (null, new SubmitResult(ResultCode.IpNotBound));
        }

        return (profile, null);
    }

    /// <summary>
    /// A notice the platform writes to the account's own phones (low balance): the platform's signature and text,
    /// so no template review or trial rule applies, but number, content, limits and credits do, as for any message.
    /// </summary>
    public Task<SubmitResult> SubmitNoticeAsync(string apiId, string mobileText, string body, CancellationToken cancellationToken) =>
        CountedAsync(SubmissionDoor.PlatformNotice, DecideNoticeAsync(apiId, mobileText, body, cancellationToken));

    private async Task<SubmitResult> DecideNoticeAsync(string apiId, string mobileText, string body, CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(apiId, cancellationToken);
        if (profile is null || profile.Status == AccountStatus.Frozen)
        {
            return new(profile is null ? ResultCode.BadCredentials : ResultCode.AccountFrozen);
        }

        var mobile = MobileNumber.Parse(mobileText);
        if (!mobile.IsAccepted)
        {
            return SubmitResult.From(mobile.Rejection!);
        }

        if (ContentRules.Check(body, profile.Limits, SensitiveWordMatcher.Empty) is { } refused)
        {
            return SubmitResult.From(refused);
        }

        var text = countries.ComposeFor(mobile.Value!.CountryCode, profiles.TrialSignatureOf(profile), body, false);
        var pending = await PricedAsync(profile.AccountId, mobile.Value!, new PendingSubmission(
            profile.AccountId, profile.Limits, SubmissionDoor.PlatformNotice, mobile.Value!.Value, text, 0, SegmentCounter.Count(text).Parts, false, null), cancellationToken);
        return pending is null ? new SubmitResult(ResultCode.NoInternationalPrice) : await writer.SubmitAsync(pending, cancellationToken);
    }

    /// <summary>
    /// A submission to a number abroad, priced: charged in money by the price list that applies to the account (decision
    /// 0034); null when no list prices the number (4033). A mainland submission comes back as it is, without a read.
    /// </summary>
    private async Task<PendingSubmission?> PricedAsync(int accountId, MobileNumber mobile, PendingSubmission submission, CancellationToken cancellationToken)
    {
        if (mobile.IsMainland)
        {
            return submission;
        }

        var quote = await prices.QuoteAsync(accountId, mobile, cancellationToken);
        return quote is null ? null : submission with
        {
            Country = mobile.CountryCode, PricePerPartFen = quote.PriceFen, CostPerPartFen = quote.CostFen, ResellerAccountId = quote.ResellerId, WholesalePerPartFen = quote.WholesaleFen,
        };
    }

    /// <summary>The rules every door shares, for an account already known to be who it says.</summary>
    public Task<SubmitResult> SubmitAsAsync(SendingProfile profile, SubmissionDoor door, string? mobileText, string? content, string? templateIdText, string? idempotencyKey, CancellationToken cancellationToken) =>
        SubmitAsAsync(profile, door, mobileText, content, templateIdText, idempotencyKey, false, cancellationToken);

    /// <summary>As above; <paramref name="wantsSmppReceipt"/> marks the message as owing an SMPP delivery receipt.</summary>
    public Task<SubmitResult> SubmitAsAsync(SendingProfile profile, SubmissionDoor door, string? mobileText, string? content, string? templateIdText, string? idempotencyKey, bool wantsSmppReceipt, CancellationToken cancellationToken) =>
        SubmitAsAsync(profile, door, mobileText, content, templateIdText, idempotencyKey, wantsSmppReceipt, SubmissionOrigin.Unknown, cancellationToken);

    /// <summary>
    /// As above, with where the send came from (the caller's address, the Verify service) for the abuse defence, which
    /// runs last before the writer: a send it refuses is recorded and charged nothing.
    /// </summary>
    public Task<SubmitResult> SubmitAsAsync(SendingProfile profile, SubmissionDoor door, string? mobileText, string? content, string? templateIdText, string? idempotencyKey, bool wantsSmppReceipt, SubmissionOrigin origin, CancellationToken cancellationToken) =>
        SubmitAsAsync(profile, door, mobileText, content, templateIdText, idempotencyKey, wantsSmppReceipt, origin, null, cancellationToken);

    /// <summary>As above; <paramref name="receiptMailTo"/> (the SMTP door) is where the message's receipt is mailed once it is final.</summary>
    public Task<SubmitResult> SubmitAsAsync(SendingProfile profile, SubmissionDoor door, string? mobileText, string? content, string? templateIdText, string? idempotencyKey, bool wantsSmppReceipt, SubmissionOrigin origin, string? receiptMailTo, CancellationToken cancellationToken) =>
        CountedAsync(door, DecideAsync(profile, door, mobileText, content, templateIdText, idempotencyKey, wantsSmppReceipt, origin, receiptMailTo, null, cancellationToken));

    /// <summary>
    /// Counts what a door's submission came to, once, at the door's entry point; a full writer queue is counted as
    /// "busy" and still thrown (the door answers it).
    /// </summary>
    private async Task<SubmitResult> CountedAsync(SubmissionDoor door, Task<SubmitResult> decision)
    {
        try
        {
            var result = await decision;
            telemetry.Submitted(door, result.Code);
            return result;
        }
        catch (SubmissionQueueFullException)
        {
            telemetry.Busy(door);
            throw;
        }
    }

    private async Task<SubmitResult> DecideAsync(SendingProfile profile, SubmissionDoor door, string? mobileText, string? content, string? templateIdText, string? idempotencyKey, bool wantsSmppReceipt, SubmissionOrigin origin, string? receiptMailTo, long? batchNumberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(origin);
        if (profile.Status == AccountStatus.Frozen)
        {
            return new(ResultCode.AccountFrozen);
        }

        var mobile = MobileNumber.Parse(mobileText);
        if (!mobile.IsAccepted)
        {
            return SubmitResult.From(mobile.Rejection!);
        }

        var (refusedContent, composed) = await ComposeAsync(profile, content, templateIdText, cancellationToken);
        if (refusedContent is not null)
        {
            return refusedContent;
        }

        // Where the destination's carriers use no 【signature】 a text goes as written: one the customer wrote stays (it
        // was checked like any), none is added (the trial rule still holds the account to its brand).
        var text = TextFor(composed!, mobile.Value!.CountryCode);
        var templateId = composed!.TemplateId;

        var limits = profile.Limits;
        var isVerificationCode = profile.TemplatesById.TryGetValue(templateId, out var template) && template.Kind == TemplateKind.VerificationCode;
        var (abused, ticket) = await abuse.CheckSendAsync(profile.AccountId, profile.AllowedCountries, mobile.Value!, origin.ClientAddress, origin.VerifyServiceId, cancellationToken);
        if (abused is not null)
        {
            return SubmitResult.From(abused);
        }

        // A country the account may send to, but that no price list prices: refused like a short balance, nothing charged.
        var pending = await PricedAsync(profile.AccountId, mobile.Value!, new PendingSubmission(
            profile.AccountId, limits, door, mobile.Value!.Value, text, templateId, SegmentCounter.Count(text).Parts, isVerificationCode, idempotencyKey)
        { WantsSmppReceipt = wantsSmppReceipt, ReceiptMailTo = receiptMailTo, BatchNumberId = batchNumberId }, cancellationToken);
        if (pending is null)
        {
            return new SubmitResult(ResultCode.NoInternationalPrice, Detail: "+" + mobile.Value!.CountryCode);
        }

        var result = await writer.SubmitAsync(pending, cancellationToken);
        if (result.IsAccepted)
        {
            abuse.Accepted(ticket);
        }

        return result;
    }

    /// <summary>
    /// A send of <paramref name="content"/> (or template <paramref name="templateIdText"/> with its values) checked by the
    /// signature, template, content and trial rules, which depend on no number, or the refusal. The text a destination gets
    /// is then <see cref="TextFor"/>'s. A door decides each number with it; a batch checks its message once before it is created.
    /// </summary>
    public async Task<(SubmitResult? Refused, ComposedMessage? Message)> ComposeAsync(SendingProfile profile, string? content, string? templateIdText, CancellationToken cancellationToken)
    {
        var (refused, signature, body, ownSignature, templateId) = await ComposePartsAsync(profile, content, templateIdText, cancellationToken);
        return refused is not null ? (refused, null) : (null, new ComposedMessage(signature, body, ownSignature, templateId));
    }

    /// <summary>The text <paramref name="message"/> goes out as to a number of <paramref name="countryCode"/> (<see cref="CountryRules.ComposeFor"/>): no read, no query.</summary>
    public string TextFor(ComposedMessage message, string countryCode)
    {
        ArgumentNullException.ThrowIfNull(message);
        return countries.ComposeFor(countryCode, message.Signature, message.Body, message.OwnSignature);
    }

    private async Task<(SubmitResult? Refused, string Signature, string Body, bool OwnSignature, int TemplateId)> ComposePartsAsync(SendingProfile profile, string? content, string? templateIdText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var limits = profile.Limits;
        var defaultSignature = DefaultSignature(profile);
        var words = await sensitiveWords.GetMatcherAsync(cancellationToken);
        string signature;
        string body;
        int templateId;
        var ownSignature = false;
        if (!string.IsNullOrEmpty(templateIdText))
        {
            if (!int.TryParse(templateIdText, NumberStyles.None, CultureInfo.InvariantCulture, out templateId) || !profile.TemplatesById.TryGetValue(templateId, out var chosen))
            {
                return (new(profile.TemplatesById.Count == 0 ? ResultCode.NoTemplateFiled : ResultCode.TemplateMismatch, Detail: $"template {templateIdText} is not approved for this account"), "", "", false, 0);
            }

            var filled = chosen.Template.Fill(content ?? "", chosen.MaxVariableLength);
            if (!filled.IsAccepted)
            {
                return (SubmitResult.From(filled.Rejection!), "", "", false, 0);
            }

            signature = defaultSignature;
            body = filled.Value!;
            if (ContentRules.Check(body, limits, words) is { } refused)
            {
                return (SubmitResult.From(refused), "", "", false, 0);
            }
        }
        else
        {
            var split = SignatureRules.Split(content ?? "");
            if (split.Signature is { } own)
            {
                if (SignatureRules.Check(own) is { } malformed)
                {
                    return (SubmitResult.From(malformed), "", "", false, 0);
                }

                if (!profile.Signatures.Contains(own))
                {
                    return (new(ResultCode.SignatureNotApproved, Detail: own), "", "", false, 0);
                }
            }

            signature = split.Signature ?? defaultSignature;
            body = split.Body;
            ownSignature = split.Signature is not null;
            if (ContentRules.Check(body, limits, words) is { } refused)
            {
                return (SubmitResult.From(refused), "", "", false, 0);
            }

            var match = profile.Templates.Match(body, limits.MaxVariableLength);
            if (!match.IsAccepted)
            {
                // Text that fits no template, from an account that never had one of its own approved: 4071.
                return (match.Rejection!.Code == ResultCode.TemplateMismatch && !profile.HasOwnTemplates
                    ? new SubmitResult(ResultCode.NoTemplateFiled)
                    : SubmitResult.From(match.Rejection!), "", "", false, 0);
            }

            templateId = match.Value!.TemplateId;
        }

        if (TrialPolicy.Check(profile.IsVerified, profile.HasPaid, templateId, signature, profiles.TrialSignatureOf(profile)) is { } trial)
        {
            return (SubmitResult.From(trial), "", "", false, 0);
        }

        return (null, signature, body, ownSignature, templateId);
    }

    /// <summary>
    /// The signature a send by template id, or a text without one, goes out under. In trial only the brand's
    /// signature may go (the platform's, or a reseller's customer's reseller's), so it is what such a send gets; otherwise the account's first approved signature.
    /// </summary>
    public string DefaultSignature(SendingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return TrialPolicy.IsInTrial(profile.IsVerified, profile.HasPaid) ? profiles.TrialSignatureOf(profile) : profile.DefaultSignature;
    }

    /// <summary>
    /// The one credential check of the API doors, in an order that shows nothing about an account before its secret
    /// is proven: the platform's denied addresses (400), a lockout after repeated failures (4053), the secret, checked
    /// the same way and answered with the same code whether or not the API ID names an account, then the account's
    /// state (4050) and bound addresses (4052), a dynamic password already used (a replay: <paramref name="replayed"/>),
    /// and last the account's request rate (4089).
    /// Each failure counts against the API ID and the address and slows the next answers down.
    /// </summary>
    private async Task<(SendingProfile? Profile, SubmitResult? Refused)> AuthenticateAsync(
        string apiId, string? clientIp, string password, string? time, Func<string, Rejection?> checkKey, ResultCode replayed, CancellationToken cancellationToken)
    {
        if (clientIp is not null && options.Value.DeniedIps.Contains(clientIp))
        {
            return (null, new SubmitResult(ResultCode.IpNotAllowed));
        }

        if (failures.LockedUntil(apiId, clientIp) is not null)
        {
            return (null, new SubmitResult(ResultCode.TooManyFailedAttempts));
        }

        var profile = ApiCredentials.IsValidApiId(apiId) ? await profiles.FindAsync(apiId, cancellationToken) : null;
        var known = profile is { ApiKeys.Count: > 0 };

        // An unknown API ID is checked against a key nobody holds, so it fails the way a wrong key does (405, or
        // 40502 for a dynamic password), after the same work.
        var checks = (known ? profile!.ApiKeys : UnknownAccountKeys).Select(checkKey).ToList();
        var wrong = checks.Contains(null) && known
            ? null
            : checks.Where(c => c is not null).OrderByDescending(c => c!.Code == ResultCode.BadCredentials ? 0 : 1).FirstOrDefault() ?? new Rejection(ResultCode.BadCredentials);
        if (wrong is not null)
        {
            // 40501 comes only with a right hash: whoever sent it holds the key, and only its clock is off.
            if (wrong.Code != ResultCode.DynamicPasswordExpired)
            {
                await SlowDownAsync(failures.Failed(apiId, clientIp), cancellationToken);
            }

            return (null, SubmitResult.From(wrong));
        }

        if (profile!.Status == AccountStatus.Frozen)
        {
            return (null, new SubmitResult(ResultCode.AccountFrozen));
        }

        if (profile.AllowedIps.Count > 0 && (clientIp is null || !profile.AllowedIps.Contains(clientIp)))
        {
            return (null, new SubmitResult(ResultCode.IpNotBound));
        }

        if (time is not null && !profile.ApiKeys.Any(key => ApiCredentials.KeysEqual(key, password))
            && !await usedPasswords.TryUseAsync(profile.AccountId, password, ExpiryOf(time), cancellationToken))
        {
            await SlowDownAsync(failures.Failed(apiId, clientIp), cancellationToken);
            return (null, new SubmitResult(replayed));
        }

        failures.Succeeded(apiId, clientIp);
        return await accountRate.TryAcquireAsync(profile.AccountId, cancellationToken)
            ? (profile, null)
            : (null, new SubmitResult(ResultCode.TooFrequent));
    }

    private Task SlowDownAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, clock, cancellationToken) : Task.CompletedTask;

    /// <summary>When a dynamic password's time (10 digits, checked already) leaves the window.</summary>
    private DateTimeOffset ExpiryOf(string time) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(time, NumberStyles.None, CultureInfo.InvariantCulture)) + PasswordWindow + TimeSpan.FromSeconds(1);

    private TimeSpan PasswordWindow => TimeSpan.FromSeconds(options.Value.DynamicPasswordWindowSeconds);
}
