namespace Platform.Identity.Tests.Support;

/// <summary>The test classes that call the real processes: they share one ledger and one identity process per test run.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityProcess>
{
    public const string Name = "identity processes";
}
