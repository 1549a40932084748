using Platform.Grpc.Client;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Client;

public sealed class MetadataTests : EchoServerTests
{
    private static readonly byte[] s_binary = [0, 1, 2, 0x2c, 0xfa, 0xff];
    [Fact]
    public async Task Unary_RequestHeadersReachTheHandler_AndResponseHeadersAndTrailersReachTheCaller()
    {
        var callId = Guid.NewGuid().ToString();
        var headers = new Metadata { { "X-Tenant", "acme" }, { "x-tenant", "second value" }, { "x-data-bin", s_binary }, { "x-data-bin", [7] } };

        var call = EchoCaller.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { CallId = callId }, new CallOptions(headers: headers));
        await call;

        var received = Server.Observations.For(callId).RequestHeaders!;
        // A repeated key may travel as one header joined with ", " (the spec allows it); binary values are split again.
        Assert.Equal("acme, second value", string.Join(", ", received.Where(entry => entry.Key == "x-tenant").Select(entry => entry.Value)));
        Assert.Equal([s_binary, [7]], received.Where(entry => entry.Key == "x-data-bin").Select(entry => entry.ValueBytes));
        Assert.DoesNotContain(received, entry => entry.Key.StartsWith("grpc-", StringComparison.Ordinal) || entry.Key is "content-type" or "te");
        var responseHeaders = await call.ResponseHeadersAsync;
        Assert.Equal([s_binary, [7]], responseHeaders.Where(entry => entry.Key == "x-data-bin").Select(entry => entry.ValueBytes));
        Assert.Equal("done", call.GetTrailers().GetValue("x-trailer"));
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, call.GetTrailers().GetValueBytes("x-trailer-bin"));
    }

    [Fact]
    public async Task ServerStreaming_HeadersArriveBeforeTheMessages_TrailersAfterTheEnd()
    {
        var call = EchoCaller.ServerStreamingAsync<EchoRequest, EchoReply>(
            "Stream", new EchoRequest { Count = 1 }, new CallOptions(headers: new Metadata { { "x-stream", "yes" } }));

        await foreach (var _ in call)
        {
            Assert.True(call.ResponseHeadersAsync.IsCompletedSuccessfully);
            Assert.Throws<InvalidOperationException>(call.GetTrailers);
        }

        Assert.Equal("yes", (await call.ResponseHeadersAsync).GetValue("x-stream"));
        Assert.Equal("done", call.GetTrailers().GetValue("x-trailer"));
    }

    [Fact]
    public async Task ErrorStatus_CarriesTheTrailers()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await EchoCaller.UnaryAsync<EchoRequest, EchoReply>(
            "Say", new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "no such key: 100% sure" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no such key: 100% sure", error.Detail);
        Assert.Equal("done", error.Trailers.GetValue("x-trailer"));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("bad key")]
    [InlineData("ключ")]
    [InlineData("x-data-bin")]
    public void TextEntry_WithAnInvalidKey_IsRejected(string key) =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "value"));

    [Fact]
    public void TextEntry_WithNonAsciiValue_IsRejectedWithAHint()
    {
        var error = Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name", "Zoë"));

        Assert.Contains("-bin", error.Message);
    }

    [Fact]
    public void BinaryEntry_NeedsABinKey() =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-data", [1, 2]));
}
