using System.Globalization;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// One customer connection: bind with API ID and key (IP binding applies), submit_sm and data_sm through the
/// submission service, long messages joined first, answers only after the commit. The <see cref="SmppSession"/>
/// under it does framing, enquire_link, unbind, timeouts and nack-or-close on bad input.
/// </summary>
public sealed partial class SmppConnection
{
    private static long _lastId;
    private readonly SmppServer _server;
    private readonly ILogger _logger;
    private readonly string _peerIp;
    private readonly long _id = Interlocked.Increment(ref _lastId);
    private int _bindStarted;
    private string? _password;

    internal SmppConnection(SmppServer server, Stream stream, string peerIp, string name, ILogger logger)
    {
        _server = server;
        _logger = logger;
        _peerIp = peerIp;
        var options = server.Options;
        Session = new SmppSession(stream, new SmppSessionOptions
        {
            Name = name,
            Window = options.Window,
            RequestTimeout = TimeSpan.FromSeconds(options.ResponseTimeoutSeconds),
            EnquireLinkInterval = TimeSpan.FromSeconds(options.EnquireLinkSeconds),
            InactivityTimeout = TimeSpan.FromSeconds(options.InactivitySeconds),
            MaxConcurrentIncoming = options.MaxRequestsInProgress,
        }, HandleAsync, logger, server.Clock);
    }

    public SmppSession Session { get; }

    /// <summary>Null until a bind succeeded.</summary>
    public SmppBinding? Binding { get; private set; }

    /// <summary>The peer's IP address.</summary>
    public string PeerIp => _peerIp;

    internal void Start() => Session.Start();

    /// <summary>Unbinds (and so closes) when the API key the bind used was rotated or removed since, on any node.</summary>
    internal async Task CheckKeyAsync(CancellationToken cancellationToken)
    {
        if (Binding is not { } binding || _password is not { } password || !Session.IsOpen)
        {
            return;
        }

        var profile = await _server.Profiles.FindAsync(binding.ApiId, cancellationToken);
        if (profile is not null && SmppPassword.Matches(password, profile.ApiKeys))
        {
            return;
        }

        LogKeyNoLongerValid(_logger, Session.Name, binding.ApiId);
        _ = Session.UnbindAsync(); // waits for unbind_resp at most the request timeout, then closes either way
    }

    private ValueTask<SmppPdu?> HandleAsync(SmppSession session, SmppPdu request, CancellationToken cancellationToken) => request switch
    {
        BindPdu bind => BindAsync(bind, cancellationToken),
        SubmitSmPdu submit => SubmitAsync(submit, SmsIncomingPart.From(submit), submit.DestinationTon, submit.RegisteredDelivery, cancellationToken),
        DataSmPdu data => SubmitAsync(data, SmsIncomingPart.From(data), data.DestinationTon, data.RegisteredDelivery, cancellationToken),
        QuerySmPdu => ValueTask.FromResult<SmppPdu?>(request.CreateResponse(Binding is null ? SmppStatus.InvalidBindStatus : SmppStatus.QueryFailed)),
        _ => ValueTask.FromResult<SmppPdu?>(request.CreateResponse(Binding is null ? SmppStatus.InvalidBindStatus : SmppStatus.InvalidCommandId)),
    };

    private async ValueTask<SmppPdu?> BindAsync(BindPdu bind, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _bindStarted, 1) == 1)
        {
            return bind.CreateResponse(SmppStatus.AlreadyBound);
        }

        if (_server.BindGuard.IsLockedOut(_peerIp, bind.SystemId))
        {
            _server.Status.Error();
            _server.Telemetry.SmppBind(bound: false);
            LogLockedOut(_logger, Session.Name, bind.SystemId);
            await Session.SendResponseAndCloseAsync(bind.CreateResponse(SmppStatus.BindFailed), "bind refused: locked out");
            return null;
        }

        var (profile, refused) = await _server.Submissions.AuthenticateAsync(bind.SystemId, _peerIp, cancellationToken);
        var code = refused?.Code ?? ResultCode.Accepted;
        if (profile is not null && !SmppPassword.Matches(bind.Password, profile.ApiKeys))
        {
            (profile, code) = (null, ResultCode.BadCredentials);
        }

        if (profile is null)
        {
            _server.Status.Error();
            _server.Telemetry.SmppBind(bound: false);
            LogBindRefused(_logger, Session.Name, bind.SystemId, (int)code);
            var status = SmppResultCodes.ForBind(code);
            if (status is SmppStatus.InvalidSystemId or SmppStatus.InvalidPassword)
            {
                // Wrong credentials: answered later each time, so that guessing costs time, then counted to a lock-out.
                await Task.Delay(_server.BindGuard.Failed(_peerIp, bind.SystemId), _server.Clock, cancellationToken);
            }

            await Session.SendResponseAndCloseAsync(bind.CreateResponse(status), "bind refused");
            return null;
        }

        var binding = new SmppBinding(profile.AccountId, profile.ApiId, bind.Command switch
        {
            SmppCommand.BindTransmitter => SmppBindKind.Transmitter,
            SmppCommand.BindReceiver => SmppBindKind.Receiver,
            _ => SmppBindKind.Transceiver,
        });
        if (!_server.TryRegister(this, binding))
        {
            Interlocked.Exchange(ref _bindStarted, 0);
            _server.Status.Error();
            _server.Telemetry.SmppBind(bound: false);
            LogTooManySessions(_logger, Session.Name, profile.ApiId, _server.Options.MaxSessionsPerAccount);
            return bind.CreateResponse(SmppStatus.BindFailed);
        }

        _password = bind.Password;
        Binding = binding;
        _server.Telemetry.SmppBind(bound: true);
        LogBound(_logger, Session.Name, profile.ApiId, binding.Kind.ToString());
        var response = (BindRespPdu)bind.CreateResponse();
        response.SystemId = "SmsPortal";
        response.SetByte(SmppTlvTag.ScInterfaceVersion, 0x34);
        if (binding.CanReceive)
        {
            // After the bind_resp is queued, so the first deliver_sm never overtakes it.
            _ = Task.Run(async () =>
            {
                await Session.SendResponseAsync(response);
                _server.Forwarder.ReceiverBound(this);
            }, CancellationToken.None);
            return null;
        }

        return response;
    }

    private async ValueTask<SmppPdu?> SubmitAsync(SmppPdu request, SmsIncomingPart part, byte destinationTon, byte registeredDelivery, CancellationToken cancellationToken)
    {
        part = part with { Destination = Destination(part.Destination, destinationTon) };
        var answer = await DecideAsync(part, (registeredDelivery & 0x03) != 0, cancellationToken);
        var response = (MessageIdRespPdu)request.CreateResponse(answer.Status);
        if (answer.Status == SmppStatus.Ok)
        {
            response.MessageId = answer.MessageId ?? "";
        }

        return response;
    }

    private async Task<SmppSubmitAnswer> DecideAsync(SmsIncomingPart part, bool wantsReceipt, CancellationToken cancellationToken)
    {
        if (Binding is not { CanSubmit: true } binding)
        {
            return new SmppSubmitAnswer(SmppStatus.InvalidBindStatus, null);
        }

        if (!await _server.TryTakeRateAsync(binding.AccountId, _peerIp, cancellationToken) || !_server.TryTakeThroughput(binding.AccountId))
        {
            return new SmppSubmitAnswer(SmppStatus.Throttled, null);
        }

        if (SmsText.AlphabetOf(part.DataCoding) == SmsAlphabet.Binary)
        {
            return new SmppSubmitAnswer(SmppStatus.SubmitFailed, null);
        }

        if (part.Concatenation is not { Total: > 1 })
        {
            return await SubmitTextAsync(binding, part.Destination, part.Text, wantsReceipt, cancellationToken);
        }

        var added = _server.Parts.Add(binding.AccountId, _id, part, wantsReceipt);
        if (added.Full)
        {
            return new SmppSubmitAnswer(SmppStatus.MessageQueueFull, null);
        }

        if (added.Held is { } held)
        {
            try
            {
                return await held.WaitAsync(TimeSpan.FromMilliseconds(_server.Options.PartHoldMilliseconds), _server.Clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The client's window is smaller than the parts (or it sends them one by one): answer so the rest can come.
                var reference = part.Concatenation.Value;
                return new SmppSubmitAnswer(SmppStatus.Ok, string.Create(CultureInfo.InvariantCulture, $"part-{reference.Reference}-{reference.Sequence}"));
            }
        }

        var whole = added.Complete!;
        var result = await SubmitTextAsync(binding, whole.First.Destination, whole.JoinedText(), whole.WantsReceipt, cancellationToken);
        whole.Answer.TrySetResult(result);
        return result;
    }

    private async Task<SmppSubmitAnswer> SubmitTextAsync(SmppBinding binding, string destination, string text, bool wantsReceipt, CancellationToken cancellationToken)
    {
        var profile = await _server.Profiles.FindAsync(binding.ApiId, cancellationToken);
        if (profile is null)
        {
            return new SmppSubmitAnswer(SmppStatus.SubmitFailed, null);
        }

        SubmitResult result;
        try
        {
            result = await _server.Submissions.SubmitAsAsync(profile, SubmissionDoor.Smpp, destination, text, null, null, wantsReceipt, cancellationToken);
        }
        catch (SubmissionQueueFullException)
        {
            return new SmppSubmitAnswer(SmppStatus.MessageQueueFull, null);
        }

        if (result.IsAccepted)
        {
            _server.Status.Accepted();
            return new SmppSubmitAnswer(SmppStatus.Ok, result.SmsId);
        }

        if (result.Code == ResultCode.Failed)
        {
            _server.Status.Error();
        }

        return new SmppSubmitAnswer(SmppResultCodes.ToSmpp(result.Code), null);
    }

    /// <summary>The number as the submission service reads it: international (TON 1, or 00…) gets its '+' (8613800138000 → +8613800138000).</summary>
    private static string Destination(string address, byte ton)
    {
        var trimmed = address.Trim();
        return trimmed.StartsWith('+') ? trimmed
            : trimmed.StartsWith("00", StringComparison.Ordinal) ? "+" + trimmed[2..]
            : ton == 1 ? "+" + trimmed
            : trimmed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMPP {Session}: bound {ApiId} as {Kind}")]
    private static partial void LogBound(ILogger logger, string session, string apiId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: bind as {SystemId} refused (code {Code})")]
    private static partial void LogBindRefused(ILogger logger, string session, string systemId, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: bind as {SystemId} refused unchecked: the address or system_id is locked out after repeated failures")]
    private static partial void LogLockedOut(ILogger logger, string session, string systemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: the API key {ApiId} bound with was rotated or removed; unbinding")]
    private static partial void LogKeyNoLongerValid(ILogger logger, string session, string apiId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: bind of {ApiId} refused: already {Max} sessions")]
    private static partial void LogTooManySessions(ILogger logger, string session, string apiId, int max);
}
