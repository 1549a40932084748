using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Server;

/// <summary>
/// The server side of one call: checks the request, applies the deadline, reads the request message,
/// runs the handler and ends the call with a status. Subclasses only invoke the handler.
/// </summary>
internal abstract class ServerMethodHandler<TService, TRequest>(
    string path, MessageParser<TRequest> parser, GrpcServerOptions options, ILogger logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>
{
    // Beyond this CancellationTokenSource.CancelAfter throws; such a deadline is "never" in practice.
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly ServiceActivator<TService> _activator = new();

    protected GrpcServerOptions Options { get; } = options;

    public async Task HandleAsync(HttpContext httpContext)
    {
        // Routing matches paths case-insensitively; gRPC paths are case-sensitive.
        if (!string.Equals(httpContext.Request.Path.Value, path, StringComparison.Ordinal))
        {
            ServerResponse.Reject(httpContext.Response, StatusCodes.Status200OK, StatusCode.Unimplemented,
                $"Method '{httpContext.Request.Path}' is unimplemented; method paths are case-sensitive (did you mean '{path}'?).");
            return;
        }
        if (!RequestValidation.TryAccept(httpContext, out var timeout))
        {
            return;
        }
        // Each message is limited by MaxReceiveMessageSize instead of the whole body.
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        using var deadlineTimer = CreateDeadlineTimer(httpContext.RequestAborted, timeout);
        var now = DateTime.UtcNow;
        // grpc-timeout goes up to 99,999,999 hours, past DateTime.MaxValue.
        var deadline = timeout is { } t && t < DateTime.MaxValue - now ? now + t : DateTime.MaxValue;
        var context = new ServerCallContext(httpContext, path, deadline, deadlineTimer?.Token ?? httpContext.RequestAborted);

        StatusCode status;
        string? detail = null;
        Metadata? errorTrailers = null;
        try
        {
            var request = await MessageReader.ReadSingleAsync(
                httpContext.Request.BodyReader, parser, Options.MaxReceiveMessageSize, context.CancellationToken);
            var service = _activator.Create(httpContext.RequestServices, out var owned);
            try
            {
                await InvokeAsync(service, request, context);
                // A handler that ignored its token past the deadline still ends with DEADLINE_EXCEEDED.
                context.CancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                if (owned)
                {
                    await ServiceActivator<TService>.ReleaseAsync(service);
                }
            }
            status = StatusCode.OK;
        }
        catch (Exception) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream or went away: nobody is left to read a status.
            GrpcServerLog.CallCancelled(logger, path);
            return;
        }
        catch (Exception) when (deadlineTimer?.IsCancellationRequested == true)
        {
            GrpcServerLog.DeadlineExceeded(logger, path);
            status = StatusCode.DeadlineExceeded;
            detail = "Deadline Exceeded";
        }
        catch (RpcException exception)
        {
            GrpcServerLog.CallFailed(logger, path, exception.StatusCode, exception.Detail);
            (status, detail, errorTrailers) = (exception.StatusCode, exception.Detail, exception.Trailers);
        }
        catch (Exception exception)
        {
            // Exception text can hold internals (connection strings, paths): it stays in the log.
            GrpcServerLog.HandlerFailed(logger, path, exception);
            status = StatusCode.Internal;
            detail = "Exception was thrown by handler.";
        }
        ServerResponse.WriteStatus(context, status, detail, errorTrailers);
    }

    protected abstract Task InvokeAsync(TService service, TRequest request, ServerCallContext context);

    private static CancellationTokenSource? CreateDeadlineTimer(CancellationToken requestAborted, TimeSpan? timeout)
    {
        if (timeout is not { } value || value > s_longestTimer)
        {
            return null;
        }
        var timer = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timer.CancelAfter(value);
        return timer;
    }
}
