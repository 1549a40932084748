using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.ServiceDiscovery;

namespace Platform.ServiceDefaults.Tests.ServiceDiscovery;

public sealed class ServiceEndpointResolverTests
{
    [Fact]
    public void EachService_RotatesOnItsOwn_WhenCallsInterleave()
    {
        var resolver = new ServiceEndpointResolver(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:ledger:grpc:0"] = "http://127.0.0.1:1001",
            ["services:ledger:grpc:1"] = "http://127.0.0.1:1002",
            ["services:identity:grpc:0"] = "http://127.0.0.1:2001",
            ["services:identity:grpc:1"] = "http://127.0.0.1:2002",
        }).Build());

        var ledger = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            ledger.Add(resolver.Resolve("ledger", "grpc").Port);
            resolver.Resolve("identity", "grpc");
        }

        Assert.Equal(2, ledger.Distinct().Count());
        Assert.All(ledger.Zip(ledger.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void UnknownService_SaysWhichVariableIsMissing()
    {
        var resolver = new ServiceEndpointResolver(new ConfigurationBuilder().Build());
        var error = Assert.Throws<InvalidOperationException>(() => resolver.Resolve("ledger", "grpc"));
        Assert.Contains("services__ledger__grpc__0", error.Message);
    }
}
