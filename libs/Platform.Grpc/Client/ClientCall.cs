using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Client;

/// <summary>
/// One call from the client's side: deadline and cancellation, retries of UNAVAILABLE for idempotent
/// calls until the server commits to a response by sending its headers (as in gRPC's retry design),
/// reading the messages and the status. Every failure leaves as an <see cref="RpcException"/>.
/// </summary>
internal sealed class ClientCall<TResponse> : IAsyncEnumerator<TResponse>
    where TResponse : class, IMessage<TResponse>
{
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly GrpcChannel _channel;
    private readonly ClientMethod _method;
    private readonly IMessage _request;
    private readonly CallOptions _options;
    private readonly DateTime? _deadline;
    private readonly MessageParser<TResponse> _parser;
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CancellationToken _enumeratorToken;
    private CancellationTokenSource? _cancellation;
    private CancellationToken _token;
    private Uri? _target;
    private HttpResponseMessage? _response;
    private PipeReader? _body;
    private bool _started;
    private bool _finished;
    private Metadata? _trailers;
    private TResponse? _current;

    public ClientCall(GrpcChannel channel, ClientMethod method, IMessage request, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _request = request;
        _options = options;
        _deadline = options.Deadline is { Kind: DateTimeKind.Local } local ? local.ToUniversalTime() : options.Deadline;
        _parser = (MessageParser<TResponse>)method.Descriptor.OutputType.Parser;
    }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;

    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not returned a message.");

    private bool CancelledByCaller => _options.CancellationToken.IsCancellationRequested || _enumeratorToken.IsCancellationRequested;

    public Metadata GetTrailers() => _finished && _trailers is not null
        ? _trailers
        : throw new InvalidOperationException("Trailers are available once the call has completed; await the response or read the stream to its end first.");

    public async Task<TResponse> RunUnaryAsync()
    {
        try
        {
            await StartAsync().ConfigureAwait(false);
            var response = await ReadNextAsync().ConfigureAwait(false)
                ?? throw new RpcException(StatusCode.Internal, "The server ended the unary call with OK but sent no response message.");
            if (await ReadNextAsync().ConfigureAwait(false) is not null)
            {
                throw new RpcException(StatusCode.Internal, "The server sent more than one response message for a unary call.");
            }
            return response;
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    public IAsyncEnumerator<TResponse> Start(CancellationToken enumeratorToken)
    {
        _enumeratorToken = enumeratorToken;
        return this;
    }

    public async ValueTask<bool> MoveNextAsync()
    {
        try
        {
            if (!_started)
            {
                await StartAsync().ConfigureAwait(false);
            }
            _current = await ReadNextAsync().ConfigureAwait(false);
            return _current is not null;
        }
        catch (Exception exception)
        {
            var failure = Fail(exception);
            await DisposeAsync().ConfigureAwait(false);
            throw failure;
        }
    }

    /// <summary>Releases the HTTP/2 stream; before the end of the response this resets it, which cancels the server's handler.</summary>
    public ValueTask DisposeAsync()
    {
        _body?.Complete();
        _body = null;
        _response?.Dispose();
        _response = null;
        _cancellation?.Dispose();
        _cancellation = null;
        return ValueTask.CompletedTask;
    }

    private async ValueTask StartAsync()
    {
        _started = true;
        StartCancellation();
        var size = _request.CalculateSize();
        if (size > _channel.Options.MaxSendMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum of {_channel.Options.MaxSendMessageSize} bytes.");
        }
        for (var attempt = 1; ; attempt++)
        {
            RpcException failure;
            try
            {
                if (await SendAsync(size).ConfigureAwait(false))
                {
                    break;
                }
                return;
            }
            catch (Exception exception)
            {
                failure = Map(exception);
            }
            var backoff = Backoff(attempt);
            if (!CanRetry(failure, attempt, backoff))
            {
                throw failure;
            }
            _response?.Dispose();
            _response = null;
            await Task.Delay(backoff, _token).ConfigureAwait(false);
        }
        // Committed: from here on a failure ends the call; it is never retried.
        var stream = await _response!.Content.ReadAsStreamAsync(_token).ConfigureAwait(false);
        _body = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    private void StartCancellation()
    {
        var caller = _options.CancellationToken;
        if (_deadline is null && !_enumeratorToken.CanBeCanceled)
        {
            _token = caller;
        }
        else if (_deadline is null && !caller.CanBeCanceled)
        {
            _token = _enumeratorToken;
        }
        else
        {
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(caller, _enumeratorToken);
            if (_deadline is { } deadline)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded (it had passed before the call started).");
                }
                if (remaining < s_longestTimer)
                {
                    _cancellation.CancelAfter(remaining);
                }
            }
            _token = _cancellation.Token;
        }
        _token.ThrowIfCancellationRequested();
    }

    /// <summary>Sends one attempt and reads the response headers: true when messages follow, false when the call ended OK without them.</summary>
    private async Task<bool> SendAsync(int size)
    {
        _target = _method.Targets[_channel.NextAddressIndex()];
        var request = new HttpRequestMessage(HttpMethod.Post, _target)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new GrpcRequestContent(_request, size),
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        if (_deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline - DateTime.UtcNow));
        }
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        if (_options.Headers is { } metadata)
        {
            MetadataCodec.AddTo(headers, metadata);
        }

        var response = await _channel.Invoker.SendAsync(request, _token).ConfigureAwait(false);
        _response = response;
        if (StatusWithoutBody(response) is { } status)
        {
            // Trailers-Only: the status and trailers came in the headers.
            _trailers = MetadataCodec.FromResponseHeaders(response.Headers);
            if (status.Code != StatusCode.OK)
            {
                throw new RpcException(status.Code, status.Detail, _trailers);
            }
            _responseHeaders.TrySetResult(new Metadata());
            Finish();
            return false;
        }
        _responseHeaders.TrySetResult(MetadataCodec.FromResponseHeaders(response.Headers));
        return true;
    }

    /// <summary>The next message, or null after the trailers said OK.</summary>
    private async ValueTask<TResponse?> ReadNextAsync()
    {
        if (_finished)
        {
            return null;
        }
        var message = await MessageReader.ReadAsync(_body!, _parser, _channel.Options.MaxReceiveMessageSize, _token).ConfigureAwait(false);
        if (message is not null)
        {
            return message;
        }
        var trailingHeaders = _response!.TrailingHeaders;
        var status = ReadStatus(trailingHeaders)
            ?? new ReceivedStatus(StatusCode.Internal, "The response ended without a grpc-status trailer.");
        _trailers = MetadataCodec.FromResponseHeaders(trailingHeaders);
        if (status.Code != StatusCode.OK)
        {
            throw new RpcException(status.Code, status.Detail, _trailers);
        }
        Finish();
        return null;
    }

    /// <summary>The status of a response that has no message stream: Trailers-Only, or one that is not gRPC at all.</summary>
    private static ReceivedStatus? StatusWithoutBody(HttpResponseMessage response)
    {
        var status = ReadStatus(response.Headers);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return status ?? new ReceivedStatus(
                HttpStatusMapping.FromHttpStatus(response.StatusCode),
                $"Bad gRPC response: HTTP status {(int)response.StatusCode}.");
        }
        if (status is null)
        {
            response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var contentType);
            if (!GrpcProtocol.IsGrpcContentType(contentType.ToString()))
            {
                return new ReceivedStatus(StatusCode.Unknown, $"Bad gRPC response: content-type '{contentType}'.");
            }
        }
        return status;
    }

    private static ReceivedStatus? ReadStatus(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            return null;
        }
        headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues);
        var detail = StatusMessageEncoding.Decode(messageValues.ToString());
        return int.TryParse(statusValues.ToString(), out var code) && code >= 0
            ? new ReceivedStatus((StatusCode)code, detail)
            : new ReceivedStatus(StatusCode.Unknown, $"Bad gRPC response: grpc-status '{statusValues}'. {detail}");
    }

    private bool CanRetry(RpcException failure, int attempt, TimeSpan backoff) =>
        _options.Idempotent
        && failure.StatusCode == StatusCode.Unavailable
        && attempt <= _channel.Options.MaxRetryAttempts
        && !_token.IsCancellationRequested
        && (_deadline is not { } deadline || DateTime.UtcNow + backoff < deadline);

    /// <summary>Exponential backoff with jitter, so callers that failed together do not retry together.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var options = _channel.Options;
        var exponential = options.InitialRetryBackoff * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = exponential < options.MaxRetryBackoff ? exponential : options.MaxRetryBackoff;
        return capped * (0.5 + Random.Shared.NextDouble() * 0.5);
    }

    private void Finish()
    {
        _finished = true;
        _body?.Complete();
        _body = null;
    }

    private RpcException Fail(Exception exception)
    {
        var failure = Map(exception);
        _finished = true;
        _trailers = failure.Trailers;
        if (_response is not null)
        {
            _responseHeaders.TrySetResult(new Metadata());
        }
        else if (_responseHeaders.TrySetException(failure))
        {
            // The failure reaches the caller through the call itself; nobody has to await the headers.
            _ = _responseHeaders.Task.Exception;
        }
        return failure;
    }

    private RpcException Map(Exception exception)
    {
        if (_token.IsCancellationRequested)
        {
            return CancelledByCaller
                ? new RpcException(StatusCode.Cancelled, "Call canceled by the client.", trailers: null, exception)
                : new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded", trailers: null, exception);
        }
        var target = _target?.GetLeftPart(UriPartial.Authority);
        return exception switch
        {
            // A server that cancels at the deadline may beat the local timer; the spec asks for DEADLINE_EXCEEDED then.
            RpcException { StatusCode: StatusCode.Cancelled } when _deadline <= DateTime.UtcNow =>
                new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded", trailers: null, exception),
            RpcException rpc => rpc,
            _ when FindInner<HttpProtocolException>(exception) is { } reset =>
                new RpcException(HttpStatusMapping.FromHttp2ErrorCode(reset.ErrorCode),
                    $"The HTTP/2 stream to {target} was reset: {reset.Message}", trailers: null, exception),
            HttpRequestException or IOException or OperationCanceledException =>
                new RpcException(StatusCode.Unavailable, $"Error talking to {target}: {exception.Message}", trailers: null, exception),
            _ => new RpcException(StatusCode.Internal, $"The gRPC client failed: {exception.Message}", trailers: null, exception),
        };
    }

    private static T? FindInner<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T match)
            {
                return match;
            }
        }
        return null;
    }
}
