using System.Net;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Server;

/// <summary>Requests no well-behaved client sends: each gets a gRPC status, never a hang or a crash.</summary>
public sealed class ProtocolErrorTests : IAsyncLifetime
{
    private const string SayPath = "/platform.test.echo.v1.Echo/Say";
    private GrpcTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task WrongContentType_Gets415WithAGrpcStatus()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest()), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("application/json", response.GrpcMessage);
    }

    [Fact]
    public async Task ProtoContentType_IsAccepted()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest { Message = "hi" }), contentType: "application/grpc+proto");

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(0, response.GrpcStatus);
        Assert.False(response.TrailersOnly);
        Assert.Equal("hi", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Message);
    }

    [Fact]
    public async Task UnknownMethodOfAKnownService_IsUnimplemented()
    {
        var response = await RawGrpc.PostAsync(_server.Address, "/platform.test.echo.v1.Echo/Shout", RawGrpc.Frame(new EchoRequest()));

        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("Shout", response.GrpcMessage);
        Assert.True(response.TrailersOnly);
    }

    [Fact]
    public async Task UnknownService_IsUnimplemented()
    {
        var response = await RawGrpc.PostAsync(_server.Address, "/nobody.v1.Nothing/Call", RawGrpc.Frame(new EchoRequest()));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("nobody.v1.Nothing", response.GrpcMessage);
    }

    [Fact]
    public async Task MethodPathInTheWrongCase_IsUnimplemented()
    {
        var response = await RawGrpc.PostAsync(_server.Address, "/platform.test.echo.v1.echo/say", RawGrpc.Frame(new EchoRequest()));

        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
    }

    [Fact]
    public async Task CompressedFlag_IsRefusedWithInternalAndIdentityAdvertised()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest { Message = "m" }, compressedFlag: 1));

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("compressed", response.GrpcMessage);
        Assert.Equal("identity", response.AcceptEncoding);
    }

    [Fact]
    public async Task GzipEncoding_IsUnimplementedWithIdentityAdvertised()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest()), headers: [("grpc-encoding", "gzip")]);

        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("gzip", response.GrpcMessage);
        Assert.Equal("identity", response.AcceptEncoding);
    }

    [Fact]
    public async Task TruncatedMessage_IsInternal()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Message = "a message that will be cut short" });

        var response = await RawGrpc.PostAsync(_server.Address, SayPath, frame[..^10]);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
    }

    [Fact]
    public async Task FrameShorterThanItsLengthPrefix_IsInternal()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, [0, 0, 0]);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
    }

    [Fact]
    public async Task InvalidCompressedFlagValue_IsInternal()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest(), compressedFlag: 7));

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("compressed flag", response.GrpcMessage);
    }

    [Fact]
    public async Task EmptyBody_IsInternal()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, []);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("did not include a message", response.GrpcMessage);
    }

    [Fact]
    public async Task BytesThatAreNotTheRequestMessage_AreInternal()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("deserialize", response.GrpcMessage);
    }

    [Fact]
    public async Task TwoMessagesForAUnaryMethod_AreInternal()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Message = "m" });

        var response = await RawGrpc.PostAsync(_server.Address, SayPath, [.. frame, .. frame]);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("more than one message", response.GrpcMessage);
    }

    [Fact]
    public async Task MalformedGrpcTimeout_IsInternal()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest()), headers: [("grpc-timeout", "soon")]);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("grpc-timeout", response.GrpcMessage);
    }

    [Fact]
    public async Task LargestGrpcTimeout_WorksAsNoDeadline()
    {
        var callId = Guid.NewGuid().ToString();

        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest { CallId = callId }), headers: [("grpc-timeout", "99999999H")]);

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(DateTime.MaxValue, _server.Observations.For(callId).Deadline);
    }

    [Fact]
    public async Task HandlerException_IsInternalWithoutItsText()
    {
        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest { FailCode = EchoService.ThrowPlainException }));

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Equal("Exception was thrown by handler.", response.GrpcMessage);
        Assert.DoesNotContain("hunter2", response.GrpcMessage);
    }

    [Fact]
    public async Task ServerStillServes_AfterEveryKindOfBadRequest()
    {
        await RawGrpc.PostAsync(_server.Address, SayPath, [0, 0, 0, 0, 200, 1]);
        await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest(), compressedFlag: 1));
        await RawGrpc.PostAsync(_server.Address, SayPath, [1, 2], contentType: "text/plain");

        var response = await RawGrpc.PostAsync(_server.Address, SayPath, RawGrpc.Frame(new EchoRequest { Message = "still here" }));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("still here", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Message);
    }
}
