using Platform.Bench.Contracts;
using Platform.Grpc.Server;

namespace Platform.Bench.Plumbing;

/// <summary>The gRPC side of the comparison: returns what it got.</summary>
internal sealed class BenchService
{
    public Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);
}
