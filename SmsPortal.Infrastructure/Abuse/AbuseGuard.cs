using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Abuse;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Abuse;

/// <summary>
/// The abuse defence in front of the submission writer: a number whose country the account may not send to is refused
/// (4032; the mainland always may, another country only on the account's list, else the platform's), a number in a range blocked for the account too (4031),
/// then the velocity windows (number 4086, client address 4087, account 4088, range 4084), which count the sends accepted. For Verify, <see cref="CheckNewCodeAsync"/> watches new codes per account and range:
/// past Abuse:PumpingThreshold in the window it is SMS pumping, and the range is blocked for the account, its owners mailed
/// and the console shows it. Every refusal is counted for the console. Nothing refused here reaches the writer, so
/// nothing is charged.
/// </summary>
public sealed partial class AbuseGuard
{
    private readonly VelocityCounters _counters;
    private readonly RangeBlocks _blocks;
    private readonly AbuseRefusals _refusals;
    private readonly IBackgroundJobClient _jobs;
    private readonly IOptions<AbuseOptions> _options;
    private readonly ILogger<AbuseGuard> _logger;

    public AbuseGuard(RangeBlocks blocks, AbuseRefusals refusals, IBackgroundJobClient jobs, IOptions<AbuseOptions> options, TimeProvider clock, ILogger<AbuseGuard> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _counters = new VelocityCounters(clock, options.Value.MaxTracked);
        _blocks = blocks;
        _refusals = refusals;
        _jobs = jobs;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Checks one send against the velocity windows: null and a ticket to count it with once it is accepted, or the
    /// rejection (recorded).
    /// </summary>
    public async Task<(Rejection? Refused, VelocityTicket? Ticket)> CheckSendAsync(int accountId, IReadOnlySet<string> accountCountries, MobileNumber number, string? clientAddress, int? serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (await CheckCountryAsync(accountId, accountCountries, number, serviceId, cancellationToken) is { } foreign)
        {
            return (foreign, null);
        }

        var settings = _options.Value;
        var range = NumberRange.Of(number, settings.RangeHiddenDigits);
        if (await _blocks.BlockingAsync(accountId, number, cancellationToken) is { } block)
        {
            await _refusals.RecordAsync(accountId, serviceId, AbuseRule.RangeBlocked, NumberRange.Display(block.Range, block.HiddenDigits), cancellationToken);
            return (new Rejection(ResultCode.RangeBlocked, Detail: NumberRange.Display(block.Range, block.HiddenDigits)), null);
        }

        // Only the windows that are on: the send path builds no key for a limit of 0 (the default for three of them).
        var windows = new List<(string Key, VelocityLimit Limit)>(4);
        if (settings.PerNumber.Limit > 0)
        {
            windows.Add(("n:" + number.E164, settings.PerNumber));
        }

        if (settings.PerAddress.Limit > 0 && !string.IsNullOrEmpty(clientAddress))
        {
            windows.Add(("ip:" + clientAddress, settings.PerAddress));
        }

        if (settings.PerAccount.Limit > 0)
        {
            windows.Add(("a:" + accountId, settings.PerAccount));
        }

        if (settings.PerRange.Limit > 0)
        {
            windows.Add(($"r:{accountId}:{range}", settings.PerRange));
        }
        for (var i = 0; i < windows.Count; i++)
        {
            if (!_counters.IsFull(windows[i].Key, windows[i].Limit))
            {
                continue;
            }

            var (rule, code, subject) = windows[i].Key[0] switch
            {
                'n' => (AbuseRule.NumberVelocity, ResultCode.NumberVelocity, number.E164),
                'i' => (AbuseRule.AddressVelocity, ResultCode.AddressVelocity, clientAddress!),
                'a' => (AbuseRule.AccountVelocity, ResultCode.AccountVelocity, ""),
                _ => (AbuseRule.RangeVelocity, ResultCode.RangeVelocity, NumberRange.Display(range, settings.RangeHiddenDigits)),
            };
            await _refusals.RecordAsync(accountId, serviceId, rule, subject, cancellationToken);
            return (new Rejection(code, windows[i].Limit.Limit, subject), null);
        }

        return (null, new VelocityTicket(windows));
    }

    /// <summary>
    /// The countries an account may send to: the mainland always; another country only when it is on the account's own
    /// list (<paramref name="accountCountries"/>, set by an admin) or, for an account without a list, on the platform's
    /// Abuse:AllowedCountries (empty by default: the mainland only). A number outside them is refused with 4032, and the
    /// refusal is recorded for the console.
    /// </summary>
    public async Task<Rejection?> CheckCountryAsync(int accountId, IReadOnlySet<string> accountCountries, MobileNumber number, int? serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountCountries);
        ArgumentNullException.ThrowIfNull(number);
        // The common case, a mainland number, costs the send path nothing.
        if (number.IsMainland)
        {
            return null;
        }

        if (accountCountries.Count > 0 ? accountCountries.Contains(number.CountryCode) : _options.Value.PlatformCountries.Contains(number.CountryCode))
        {
            return null;
        }

        var subject = "+" + number.CountryCode;
        await _refusals.RecordAsync(accountId, serviceId, AbuseRule.CountryNotAllowed, subject, cancellationToken);
        return new Rejection(ResultCode.CountryNotAllowed, Detail: subject);
    }

    /// <summary>The send the ticket was given for was accepted: it counts in each of its windows.</summary>
    public void Accepted(VelocityTicket? ticket)
    {
        foreach (var (key, limit) in ticket?.Windows ?? [])
        {
            _counters.Add(key, limit);
        }
    }

    /// <summary>
    /// A new Verify code for this account into this number's range: past the threshold in the window the range is blocked
    /// for the account (stored, with its expiry), its owners get a mail and this code is refused (4031).
    /// </summary>
    public async Task<Rejection?> CheckNewCodeAsync(int accountId, int serviceId, MobileNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var settings = _options.Value;
        if (settings.PumpingThreshold == 0)
        {
            return null;
        }

        var range = NumberRange.Of(number, settings.RangeHiddenDigits);
        var display = NumberRange.Display(range, settings.RangeHiddenDigits);
        if (_counters.TryTake($"p:{accountId}:{range}", new VelocityLimit { Limit = settings.PumpingThreshold, WindowSeconds = settings.PumpingWindowSeconds }))
        {
            return null;
        }

        var (block, isNew) = await _blocks.BlockAsync(accountId, range, settings.PumpingThreshold, cancellationToken);
        if (isNew)
        {
            LogPumping(_logger, accountId, display, settings.PumpingThreshold, settings.PumpingWindowSeconds, block.ExpiresAt);
            _jobs.Enqueue<PumpingAlertMailJob>(job => job.SendAsync(block.Id, CancellationToken.None));
        }

        await _refusals.RecordAsync(accountId, serviceId, isNew ? AbuseRule.Pumping : AbuseRule.RangeBlocked, display, cancellationToken);
        return new Rejection(ResultCode.RangeBlocked, Detail: display);
    }

    /// <summary>Records a refusal decided elsewhere (a Verify service's daily cap).</summary>
    public Task RecordAsync(int accountId, int? serviceId, AbuseRule rule, string subject, CancellationToken cancellationToken) =>
        _refusals.RecordAsync(accountId, serviceId, rule, subject, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS pumping suspected: account {AccountId} started more than {Threshold} codes into {Range} within {WindowSeconds} s; the range is blocked for it until {ExpiresAt}")]
    private static partial void LogPumping(ILogger logger, int accountId, string range, int threshold, int windowSeconds, DateTimeOffset expiresAt);
}
