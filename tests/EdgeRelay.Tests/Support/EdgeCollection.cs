namespace Platform.EdgeRelay.Tests.Support;

/// <summary>The test classes that call the real processes: they share one stack (ledger, identity, simulator, edge) per run.</summary>
[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EdgeStack>
{
    public const string Name = "edge stack";
}
