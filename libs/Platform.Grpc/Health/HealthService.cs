using Grpc.Health.V1;
using Platform.Grpc.Server;

namespace Platform.Grpc.Health;

/// <summary>The standard health service, served through the same binding as any other contract.</summary>
internal sealed class HealthService(HealthStatusRegistry registry)
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        registry.TryGetStatus(request.Service, out var status)
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"Service '{request.Service}' is unknown to the health registry.");

    /// <summary>Sends the current status, then every change, until the client ends the call.</summary>
    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        HealthCheckResponse.Types.ServingStatus? sent = null;
        while (true)
        {
            var (status, changed) = registry.Watch(request.Service);
            if (status != sent)
            {
                await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);
                sent = status;
            }
            await changed.WaitAsync(context.CancellationToken);
        }
    }
}
