using Google.Protobuf;
using Platform.Grpc.Client;

namespace Platform.Identity.Tests.Support;

/// <summary>A unary call with the test's cancellation token.</summary>
internal static class GrpcCallerTestExtensions
{
    public static Task<TReply> CallAsync<TRequest, TReply>(this GrpcCaller caller, string method, TRequest request)
        where TRequest : class, IMessage<TRequest> where TReply : class, IMessage<TReply> =>
        caller.UnaryAsync<TRequest, TReply>(method, request, new CallOptions(cancellationToken: TestContext.Current.CancellationToken)).ResponseAsync;
}
