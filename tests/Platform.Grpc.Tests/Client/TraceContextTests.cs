using System.Diagnostics;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Client;

public sealed class TraceContextTests
{
    [Fact]
    public async Task Call_CarriesTheCurrentActivitysTraceToTheServer()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var (channel, echo) = server.CreateEchoCaller();
        using var _ = channel;
        var callId = Guid.NewGuid().ToString();
        using var activity = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        await echo.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { CallId = callId });

        var traceparent = server.Observations.For(callId).RequestHeaders!.GetValue("traceparent");
        Assert.NotNull(traceparent);
        Assert.Equal(activity.TraceId.ToHexString(), traceparent.Split('-')[1]);
    }
}
