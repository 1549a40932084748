using Google.Protobuf;
using Platform.Grpc.Client;

namespace Platform.Testing;

/// <summary>A unary call with the test's cancellation token.</summary>
public static class GrpcCallerTestExtensions
{
    public static Task<TReply> CallAsync<TRequest, TReply>(this GrpcCaller caller, string method, TRequest request)
        where TRequest : class, IMessage<TRequest> where TReply : class, IMessage<TReply> =>
        caller.UnaryAsync<TRequest, TReply>(method, request, new CallOptions(cancellationToken: Xunit.TestContext.Current.CancellationToken)).ResponseAsync;
}
