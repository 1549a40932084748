using Google.Protobuf;
using Platform.Grpc.Server;
using Platform.Grpc.Tests.Echo;

namespace Platform.Grpc.Tests.TestServer;

/// <summary>The C# implementation of the test contract; Interop/grpc-interop.js implements it the same way.</summary>
internal sealed class EchoService(EchoObservations observations)
{
    /// <summary>fail_code -1: throw a plain exception whose text must not reach the client.</summary>
    public const int ThrowPlainException = -1;
    public const string SecretExceptionText = "Host=db;Password=hunter2";

    public async Task<EchoReply> Say(EchoRequest request, ServerCallContext context)
    {
        var (call, failing) = Begin(request, context);
        await DelayAsync(request, call, context);
        if (failing)
        {
            throw Failure(request);
        }
        return new EchoReply { Message = request.Message, Payload = Payload(request.ReplyPayloadSize) };
    }

    public async Task Stream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        var (call, failing) = Begin(request, context);
        if (failing && request.FailAttempts > 0)
        {
            throw Failure(request);
        }
        for (var index = 0; index < request.Count; index++)
        {
            await responses.WriteAsync(new EchoReply { Message = $"{request.Message} {index}", Index = index, Payload = Payload(request.ReplyPayloadSize) });
        }
        await DelayAsync(request, call, context);
        if (failing)
        {
            throw Failure(request);
        }
    }

    private (ObservedCall Call, bool Failing) Begin(EchoRequest request, ServerCallContext context)
    {
        var call = observations.For(request.CallId);
        var attempt = call.NextAttempt();
        call.RequestHeaders = context.RequestHeaders;
        call.Deadline = context.Deadline;
        call.Peer = context.Peer;
        foreach (var entry in context.RequestHeaders)
        {
            if (!entry.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }
            if (entry.IsBinary)
            {
                context.ResponseHeaders.Add(entry.Key, entry.ValueBytes);
            }
            else
            {
                context.ResponseHeaders.Add(entry.Key, entry.Value);
            }
        }
        context.ResponseTrailers.Add("x-trailer", "done");
        context.ResponseTrailers.Add("x-trailer-bin", [0xde, 0xad, 0xbe, 0xef]);
        var failing = request.FailCode != 0 && (request.FailAttempts == 0 || attempt <= request.FailAttempts);
        return (call, failing);
    }

    private static async Task DelayAsync(EchoRequest request, ObservedCall call, ServerCallContext context)
    {
        try
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            call.HandlerCancelled.TrySetResult();
            throw;
        }
    }

    private static Exception Failure(EchoRequest request) => request.FailCode == ThrowPlainException
        ? new InvalidOperationException(SecretExceptionText)
        : new RpcException((StatusCode)request.FailCode, request.FailMessage);

    private static ByteString Payload(int size) => size == 0 ? ByteString.Empty : ByteString.CopyFrom(new byte[size]);
}
