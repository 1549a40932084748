namespace Platform.Grpc.Tests.Interop;

/// <summary>The interop tests share one npm install and one grpc-js server.</summary>
[CollectionDefinition(Name)]
public sealed class GrpcJsCollection : ICollectionFixture<NodeInterop>
{
    public const string Name = "grpc-js";
}
