using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Platform.Grpc.Server;

/// <summary>A server-streaming method: <c>Task Method(TRequest, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)</c>.</summary>
internal sealed class ServerStreamingMethodHandler<TService, TRequest, TResponse>(
    string path,
    MessageParser<TRequest> parser,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker,
    GrpcServerOptions options,
    ILogger logger)
    : ServerMethodHandler<TService, TRequest>(path, parser, options, logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task InvokeAsync(TService service, TRequest request, ServerCallContext context)
    {
        var writer = new ServerStreamWriter<TResponse>(context, Options.MaxSendMessageSize);
        try
        {
            await invoker(service, request, writer, context);
        }
        finally
        {
            writer.Complete();
        }
    }
}
