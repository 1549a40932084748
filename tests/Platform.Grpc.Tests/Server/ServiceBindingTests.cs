using Microsoft.AspNetCore.Builder;
using Platform.Grpc.Server;
using Platform.Grpc.Tests.Echo;
using Platform.Grpc.Tests.TestServer;

namespace Platform.Grpc.Tests.Server;

/// <summary>A mismatch between the implementation and the contract fails at startup, saying what to write.</summary>
public sealed class ServiceBindingTests
{
    [Fact]
    public async Task MissingMethod_FailsNamingTheMethodAndItsSignature()
    {
        await using var app = BuildApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<OnlySay>(GrpcTestServer.EchoDescriptor));

        Assert.Contains("'Stream'", error.Message);
        Assert.Contains("Task Stream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)", error.Message);
    }

    [Fact]
    public async Task WrongSignature_FailsNamingTheExpectedSignature()
    {
        await using var app = BuildApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<SayReturnsString>(GrpcTestServer.EchoDescriptor));

        Assert.Contains("'Say' has the wrong signature", error.Message);
        Assert.Contains("Task<EchoReply> Say(EchoRequest request, ServerCallContext context)", error.Message);
    }

    [Fact]
    public async Task WithoutAddGrpcServer_FailsWithAHint()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<EchoService>(GrpcTestServer.EchoDescriptor));

        Assert.Contains("AddGrpcServer", error.Message);
    }

    private static WebApplication BuildApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpcServer();
        return builder.Build();
    }

    private sealed class OnlySay
    {
        public Task<EchoReply> Say(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
    }

    private sealed class SayReturnsString
    {
        public Task<string> Say(EchoRequest request, ServerCallContext context) => Task.FromResult("");

        public Task Stream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context) => Task.CompletedTask;
    }
}
