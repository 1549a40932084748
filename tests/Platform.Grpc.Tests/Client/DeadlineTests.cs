using System.Diagnostics;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Client;

public sealed class DeadlineTests : EchoServerTests
{
    [Fact]
    public async Task Deadline_FailsWithDeadlineExceeded_AndCancelsTheHandler()
    {
        var callId = Guid.NewGuid().ToString();
        var deadline = DateTime.UtcNow.AddMilliseconds(400);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await EchoCaller.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { DelayMs = 30_000, CallId = callId }, new CallOptions(deadline, cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));
        var observed = Server.Observations.For(callId);
        await observed.HandlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        // grpc-timeout carried the deadline: the server's view is within a second of ours.
        Assert.InRange(observed.Deadline, deadline.AddSeconds(-1), deadline.AddSeconds(1));
    }

    [Fact]
    public async Task Deadline_OnAStream_EndsItWithDeadlineExceededAfterTheMessagesSoFar()
    {
        // The two messages are sent at once; the deadline only has to come after them, also on a busy CI machine.
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in EchoCaller.ServerStreamingAsync<EchoRequest, EchoReply>(
                "Stream", new EchoRequest { Count = 2, DelayMs = 30_000 }, new CallOptions(DateTime.UtcNow.AddSeconds(2), cancellationToken: TestContext.Current.CancellationToken)))
            {
                received++;
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(2, received);
    }

    [Fact]
    public async Task Deadline_IsEnforcedByTheServer_EvenWhenTheClientWaits()
    {
        var callId = Guid.NewGuid().ToString();

        // A raw request has no local timer: only the server's grpc-timeout handling can end it.
        var response = await RawGrpc.PostAsync(Server.Address, "/platform.test.echo.v1.Echo/Say",
            RawGrpc.Frame(new EchoRequest { DelayMs = 30_000, CallId = callId }), headers: [("grpc-timeout", "200m")]);

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.True(Server.Observations.For(callId).HandlerCancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task Deadline_AlreadyPassed_FailsWithoutReachingTheServer()
    {
        var callId = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await EchoCaller.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { CallId = callId }, new CallOptions(DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(0, Server.Observations.For(callId).Attempts);
    }

    [Fact]
    public async Task NoDeadline_MeansNoDeadlineOnTheServer()
    {
        var callId = Guid.NewGuid().ToString();

        await EchoCaller.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { CallId = callId });

        Assert.Equal(DateTime.MaxValue, Server.Observations.For(callId).Deadline);
    }
}
