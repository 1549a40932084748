using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management;

/// <summary>Call options of the management API's gRPC calls: a deadline, and the client's disconnect cancels the call.</summary>
internal static class GrpcCalls
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <param name="idempotent">Reads and idempotent writes may be retried on UNAVAILABLE.</param>
    public static CallOptions Options(HttpContext context, bool idempotent = false) =>
        new(deadline: DateTime.UtcNow + Timeout, idempotent: idempotent, cancellationToken: context.RequestAborted);
}
