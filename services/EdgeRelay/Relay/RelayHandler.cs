using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Channels.Health;
using Platform.EdgeRelay.Errors;
using Platform.EdgeRelay.Relay.Billing;
using Platform.EdgeRelay.Relay.Limits;
using Platform.EdgeRelay.Relay.Requests;
using Platform.EdgeRelay.Relay.Streaming;
using Platform.EdgeRelay.Relay.Upstream;
using Platform.Grpc;
using Platform.Pricing;

namespace Platform.EdgeRelay.Relay;

/// <summary>
/// One relayed call: read and check the body, check the model permission, hold coins for the worst case, try the
/// channels in order until one answers (only before anything reached the client), pass the answer through, and settle
/// what the upstream says was used. Our own refusals happen before the hold, so they are never charged.
/// </summary>
internal sealed partial class RelayHandler(
    ChannelDirectory channels, ChannelHealth health, RetryBudget retries, UpstreamClient upstream, PriceBook prices, WalletBudgets budgets,
    SettleQueue settles, CallLimits limits, IOptions<StreamTimeouts> timeouts, ILogger<RelayHandler> logger)
{
    private const int MaxAttempts = 3;
    private const long MaxWholeResponseBytes = 64 * 1024 * 1024;

    public async Task<IResult> HandleAsync(HttpContext context, RelayEndpoint endpoint)
    {
        var started = Stopwatch.GetTimestamp();
        var principal = context.Principal();
        var (request, invalid) = await RequestReader.ReadAsync(context, endpoint);
        if (request is null)
        {
            return invalid!;
        }
        var uploadMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!principal.Models.Allows(request.Model))
        {
            return OpenAiError.Forbidden(
                $"model '{request.Model}' is not in this key's allow-list; add it with PATCH /api/v1/keys/{principal.KeyId} or use a key that allows it",
                "model_not_allowed");
        }
        var targets = channels.Candidates(request.Model);
        if (targets.Count == 0)
        {
            return channels.Serves(request.Model)
                ? OpenAiError.Upstream(StatusCodes.Status503ServiceUnavailable,
                    $"every channel serving '{request.Model}' is failing right now and paused; nothing was charged, retry in a few seconds")
                : OpenAiError.NotFound($"The model '{request.Model}' does not exist or no channel serves it; GET /v1/models lists the models your key can use", "model");
        }

        var requestId = $"req_{Guid.CreateVersion7():N}";
        context.Response.Headers["x-request-id"] = requestId;
        if (await limits.AdmitAsync(principal, requestId, request.EstimatedPromptTokens + request.MaxOutputTokens, context.RequestAborted) is { } limited)
        {
            return limited;
        }
        // Started once the response is complete and not awaited: Kestrel reads a keep-alive connection's next request
        // only after the OnCompleted callbacks, so an awaited release would put a Redis round trip before every next call.
        context.Response.OnCompleted(() =>
        {
            _ = limits.ReleaseAsync(principal, requestId).AsTask();
            return Task.CompletedTask;
        });
        var (reservation, refused) = await ReserveAsync(principal, request, context.RequestAborted);
        return reservation is null ? refused! : await RelayReservedAsync(context, targets,
            new RelayCall(principal, request, requestId, reservation, new CallTiming(started, uploadMs), context.Connection.RemoteIpAddress?.ToString()));
    }

    private async Task<IResult> RelayReservedAsync(HttpContext context, IReadOnlyList<ChannelCandidate> targets, RelayCall call)
    {
        var request = call.Request;
        RequestShaping.Apply(request.Body, request.Model, request.Stream);
        retries.Deposit();
        var simDirectives = context.Request.Headers["x-sim"].ToString() is { Length: > 0 } sim ? sim : null;
        AttemptFailure? lastFailure = null;
        for (var attempt = 0; attempt < Math.Min(MaxAttempts, targets.Count); attempt++)
        {
            if (attempt > 0 && !retries.TryRetry())
            {
                break;
            }
            var target = targets[attempt];
            var (response, failure) = await SendAsync(target, request, simDirectives, context.RequestAborted);
            if (response is null)
            {
                if (failure is null)
                {
                    budgets.Cancel(call.Reservation); // the client left before any answer
                    return Results.Empty;
                }
                health.ReportFailure(target.ChannelId, failure.Kind);
                lastFailure = failure;
                continue;
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode && !IsClientError(response))
                {
                    health.ReportFailure(target.ChannelId, FailureOf((int)response.StatusCode));
                    lastFailure = new AttemptFailure(target, (int)response.StatusCode, null, FailureOf((int)response.StatusCode));
                    LogAttemptFailed(target.ChannelName, (int)response.StatusCode, call.RequestId);
                    continue;
                }
                health.ReportSuccess(target.ChannelId);
                return request.Stream && response.IsSuccessStatusCode
                    ? target.NoNativeStreaming
                        ? await WholeAsStreamAsync(context, call, target, response)
                        : await StreamAsync(context, call, target, response)
                    : await WholeAsync(context, call, target, response);
            }
        }

        budgets.Cancel(call.Reservation);
        return Exhausted(request.Model, lastFailure);
    }

    /// <summary>Reserves the call's worst case (prompt estimate + output cap at today's prices) from the wallet's budget.</summary>
    private async Task<(BudgetReservation? Reservation, IResult? Refused)> ReserveAsync(EdgePrincipal principal, RelayRequest request,
        CancellationToken cancellationToken)
    {
        long worstCase;
        try
        {
            worstCase = await prices.WorstCaseAsync(request.Model, request.EstimatedPromptTokens, request.MaxOutputTokens, cancellationToken);
        }
        catch (PricingException exception)
        {
            return (null, OpenAiError.Create(StatusCodes.Status503ServiceUnavailable,
                $"model '{request.Model}' cannot be billed yet ({exception.Message}); nothing was charged", "server_error", "model", "model_not_priced"));
        }
        catch (RpcException)
        {
            return (null, BillingUnavailable());
        }
        var outcome = await budgets.ReserveAsync(principal.UserId, worstCase, cancellationToken);
        return outcome switch
        {
            { Reservation: { } reservation } => (reservation, null),
            { BillingUnavailable: true } => (null, BillingUnavailable()),
            _ => (null, OpenAiError.PaymentRequired(string.Create(CultureInfo.InvariantCulture,
                $"insufficient balance: this call may cost up to {Coins(worstCase)} coins and {Coins(outcome.Available)} coins are available; recharge with POST /api/v1/recharges or lower max_tokens"))),
        };
    }

    private static IResult BillingUnavailable() => OpenAiError.Create(StatusCodes.Status503ServiceUnavailable,
        "billing is unavailable right now; nothing was charged, retry in a few seconds", "server_error", null, "billing_unavailable");

    private async Task<(HttpResponseMessage? Response, AttemptFailure? Failure)> SendAsync(ChannelCandidate target, RelayRequest request,
        string? simDirectives, CancellationToken clientGone)
    {
        using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        firstByte.CancelAfter(timeouts.Value.FirstByte);
        try
        {
            // The linked token must outlive the headers: the body is read with the client's token only.
            return (await upstream.SendAsync(target, request, simDirectives, firstByte.Token), null);
        }
        catch (OperationCanceledException) when (!clientGone.IsCancellationRequested)
        {
            LogAttemptFailed(target.ChannelName, StatusCodes.Status504GatewayTimeout, null);
            return (null, new AttemptFailure(target, StatusCodes.Status504GatewayTimeout, "timed out waiting for the upstream's first byte", ChannelFailure.TimedOut));
        }
        catch (OperationCanceledException)
        {
            return (null, null);
        }
        catch (HttpRequestException exception)
        {
            LogAttemptFailed(target.ChannelName, 0, null);
            return (null, new AttemptFailure(target, StatusCodes.Status502BadGateway, $"could not reach the upstream ({exception.HttpRequestError})", ChannelFailure.ConnectFailed));
        }
    }

    private async Task<IResult> StreamAsync(HttpContext context, RelayCall call, ChannelCandidate target, HttpResponseMessage response)
    {
        var request = call.Request;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        StreamOutcome outcome;
        await using (var body = await response.Content.ReadAsStreamAsync(context.RequestAborted))
        {
            outcome = await SseForwarder.ForwardAsync(body, context.Response, request.ClientWantsUsage, timeouts.Value, context.RequestAborted);
        }
        // The upstream call ends here (its connection is closed if unfinished), before the ledger is called.
        response.Dispose();
        var usage = outcome.Usage ?? EstimatePolicy.FromStream(request, outcome.ContentEvents);
        var status = outcome.End switch
        {
            StreamEnd.Completed => outcome.Usage is null ? "ok_estimated" : "ok",
            StreamEnd.ClientGone => "client_cancelled",
            _ => "upstream_error",
        };
        await settles.EnqueueAsync(call.Finished(target, usage, status));
        return Results.Empty;
    }

    private async Task<IResult> WholeAsync(HttpContext context, RelayCall call, ChannelCandidate target, HttpResponseMessage response)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadBoundedAsync(response, context.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
        {
            budgets.Cancel(call.Reservation);
            return context.RequestAborted.IsCancellationRequested ? Results.Empty : OpenAiError.Upstream(StatusCodes.Status502BadGateway,
                $"the upstream's answer broke off ({exception.GetType().Name}); nothing was charged, retry the call");
        }
        if (!response.IsSuccessStatusCode)
        {
            // The client's own mistake as the upstream judged it (400, 404, 422): passed through, not charged.
            budgets.Cancel(call.Reservation);
            return new UpstreamAnswer(bytes, response.Content.Headers.ContentType?.ToString(), (int)response.StatusCode);
        }
        var (usage, _) = UsageReader.Read(new System.Buffers.ReadOnlySequence<byte>(bytes));
        await settles.EnqueueAsync(call.Finished(target, usage ?? EstimatePolicy.Whole(call.Request), usage is null ? "ok_estimated" : "ok"));
        return new UpstreamAnswer(bytes, response.Content.Headers.ContentType?.ToString(), StatusCodes.Status200OK);
    }

    private async Task<IResult> WholeAsStreamAsync(HttpContext context, RelayCall call, ChannelCandidate target, HttpResponseMessage response)
    {
        JsonObject? completion;
        ReportedUsage? usage = null;
        try
        {
            var bytes = await ReadBoundedAsync(response, context.RequestAborted);
            (usage, _) = UsageReader.Read(new System.Buffers.ReadOnlySequence<byte>(bytes));
            completion = JsonNode.Parse(bytes) as JsonObject;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException or JsonException)
        {
            completion = null;
        }
        if (completion is null)
        {
            budgets.Cancel(call.Reservation);
            return context.RequestAborted.IsCancellationRequested ? Results.Empty
                : OpenAiError.Upstream(StatusCodes.Status502BadGateway, "the upstream's answer was not a chat completion; nothing was charged, retry the call");
        }
        await WholeAnswerAsStream.WriteAsync(completion, context.Response, call.Request.ClientWantsUsage, context.RequestAborted);
        await settles.EnqueueAsync(call.Finished(target, usage ?? EstimatePolicy.Whole(call.Request), usage is null ? "ok_estimated" : "ok"));
        return Results.Empty;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxWholeResponseBytes)
        {
            throw new IOException($"the upstream's answer is larger than {MaxWholeResponseBytes} bytes");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.Length <= MaxWholeResponseBytes ? buffer.ToArray() : throw new IOException("the upstream's answer is too large");
    }

    private static bool IsClientError(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 400 and < 500 and not (401 or 403 or 408 or 409 or 429);

    private static IResult Exhausted(string model, AttemptFailure? failure) => failure switch
    {
        { Status: 429 } => OpenAiError.TooManyRequests(
            $"every channel serving '{model}' is rate limited upstream right now; nothing was charged, retry shortly", TimeSpan.FromSeconds(5), "upstream_rate_limited"),
        { Status: 504 } => OpenAiError.Upstream(StatusCodes.Status504GatewayTimeout, $"the upstream for '{model}' did not answer in time; nothing was charged"),
        null => OpenAiError.Upstream(StatusCodes.Status503ServiceUnavailable, $"no channel for '{model}' could take the call; nothing was charged, retry shortly"),
        _ => OpenAiError.Upstream(StatusCodes.Status502BadGateway,
            $"the upstream for '{model}' failed ({failure.Detail ?? $"HTTP {failure.Status}"}) on every channel tried; nothing was charged, retry shortly"),
    };

    private static string Coins(long microCoins) => ((decimal)microCoins / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream attempt on channel {Channel} failed with {Status} for {RequestId}")]
    private partial void LogAttemptFailed(string channel, int status, string? requestId);

    private static ChannelFailure FailureOf(int status) => status switch
    {
        429 => ChannelFailure.RateLimited,
        401 or 403 => ChannelFailure.Unauthorized,
        >= 500 => ChannelFailure.ServerError,
        _ => ChannelFailure.Other,
    };

    private sealed record AttemptFailure(ChannelCandidate Target, int Status, string? Detail, ChannelFailure Kind);

    /// <summary>One admitted call, with its reservation: what a settle needs once the upstream answered.</summary>
    private sealed record RelayCall(EdgePrincipal Principal, RelayRequest Request, string RequestId, BudgetReservation Reservation, CallTiming Timing,
        string? ClientIp)
    {
        public SettleWork Finished(ChannelCandidate target, ReportedUsage usage, string status) =>
            new(RequestId, Principal, Request.Model, usage, target.ChannelId, Timing.UploadMs, Timing.ElapsedMs, ClientIp, status, Reservation);
    }

    private readonly record struct CallTiming(long Started, int UploadMs)
    {
        public int ElapsedMs => (int)Stopwatch.GetElapsedTime(Started).TotalMilliseconds;
    }
}
