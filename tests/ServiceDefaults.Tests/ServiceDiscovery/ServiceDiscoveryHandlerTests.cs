using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Tests.Support;

namespace Platform.ServiceDefaults.Tests.ServiceDiscovery;

public sealed class ServiceDiscoveryHandlerTests
{
    [Fact]
    public async Task ServiceName_IsSentToTheConfiguredAddress_KeepingPathAndQuery()
    {
        await using var catalog = await StubServer.StartAsync((context, _) =>
            context.Response.WriteAsync($"{context.Request.Host}{context.Request.Path}{context.Request.QueryString}"));
        using var host = TestHosts.BuildClientHost(new Dictionary<string, string?>
        {
            ["services:catalog:http:0"] = catalog.Address.ToString(),
        });
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var seen = await http.GetStringAsync("http://catalog/items?page=2", TestContext.Current.CancellationToken);

        Assert.Equal($"{catalog.Address.Authority}/items?page=2", seen);
    }

    [Fact]
    public async Task Replicas_AreUsedInTurn()
    {
        await using var first = await StubServer.StartAsync((context, _) => context.Response.WriteAsync("first"));
        await using var second = await StubServer.StartAsync((context, _) => context.Response.WriteAsync("second"));
        using var host = TestHosts.BuildClientHost(new Dictionary<string, string?>
        {
            // The form the AppHost injects: services__catalog__http__0 and __1.
            ["services:catalog:http:0"] = first.Address.ToString(),
            ["services:catalog:http:1"] = second.Address.ToString(),
        });
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await http.GetStringAsync("http://catalog/", TestContext.Current.CancellationToken));
        }

        Assert.Equal(2, first.RequestCount);
        Assert.Equal(2, second.RequestCount);
        Assert.All(answers.Zip(answers.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task HostThatIsNoServiceName_PassesThroughUnchanged()
    {
        await using var server = await StubServer.StartAsync((context, _) => context.Response.WriteAsync(context.Request.Host.Value ?? ""));
        using var host = TestHosts.BuildClientHost(new Dictionary<string, string?>
        {
            ["services:catalog:http:0"] = "http://127.0.0.1:1",
        });
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var seenHost = await http.GetStringAsync($"http://localhost:{server.Address.Port}/", TestContext.Current.CancellationToken);

        Assert.Equal($"localhost:{server.Address.Port}", seenHost);
    }
}
