using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grpc.Client;
using Platform.Grpc.Health;
using Platform.Grpc.Tests.TestServer;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.Grpc.Tests.Health;

public sealed class HealthTests : IAsyncLifetime
{
    private GrpcTestServer _server = null!;
    private GrpcChannel _channel = null!;
    private GrpcCaller _health = null!;

    private HealthStatusRegistry Registry => _server.Services.GetRequiredService<HealthStatusRegistry>();

    public async ValueTask InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync();
        _channel = _server.CreateChannel();
        _health = _channel.CreateCaller(HealthReflection.Descriptor.Services[0]);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Check_TheWholeServer_IsServing()
    {
        var response = await CheckAsync("");

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Check_ReportsTheStatusSetForAService()
    {
        Registry.SetStatus("platform.test.echo.v1.Echo", ServingStatus.NotServing);

        var response = await CheckAsync("platform.test.echo.v1.Echo");

        Assert.Equal(ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Check_AnUnknownService_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CheckAsync("nobody"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_SendsTheCurrentStatusThenEachChange()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var seen = new List<ServingStatus>();

        await using (var stream = _health.ServerStreamingAsync<HealthCheckRequest, HealthCheckResponse>(
            "Watch", new HealthCheckRequest { Service = "ledger" }, new CallOptions(cancellationToken: timeout.Token)).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            while (seen.Count < 3 && await stream.MoveNextAsync())
            {
                seen.Add(stream.Current.Status);
                Registry.SetStatus("ledger", seen.Count == 1 ? ServingStatus.Serving : ServingStatus.NotServing);
            }
        }

        Assert.Equal([ServingStatus.ServiceUnknown, ServingStatus.Serving, ServingStatus.NotServing], seen);
    }

    private async Task<HealthCheckResponse> CheckAsync(string service) =>
        await _health.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(
            "Check", new HealthCheckRequest { Service = service }, new CallOptions(DateTime.UtcNow.AddSeconds(5), idempotent: true));
}
