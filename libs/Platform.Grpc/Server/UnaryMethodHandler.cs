using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Platform.Grpc.Server;

/// <summary>A unary method: <c>Task&lt;TResponse&gt; Method(TRequest, ServerCallContext)</c>.</summary>
internal sealed class UnaryMethodHandler<TService, TRequest, TResponse>(
    string path,
    MessageParser<TRequest> parser,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker,
    GrpcServerOptions options,
    ILogger logger)
    : ServerMethodHandler<TService, TRequest>(path, parser, options, logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task InvokeAsync(TService service, TRequest request, ServerCallContext context)
    {
        var response = await invoker(service, request, context);
        context.CancellationToken.ThrowIfCancellationRequested();
        ServerResponse.WriteMessage(context, response, Options.MaxSendMessageSize);
    }
}
