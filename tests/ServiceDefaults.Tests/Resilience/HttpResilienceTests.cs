using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Tests.Support;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Tests.Resilience;

public sealed class HttpResilienceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_IsRetriedOnServiceUnavailable_UntilItSucceeds()
    {
        await using var server = await StubServer.StartAsync(number => number <= 2 ? 503 : 200);
        using var host = ClientHost();

        using var response = await Client(host).GetAsync(server.Address, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task Post_IsNotRetried()
    {
        await using var server = await StubServer.StartAsync(_ => 503);
        using var host = ClientHost();

        using var response = await Client(host).PostAsync(server.Address, new StringContent("{}"), Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Put_IsRetriedWithBufferedContent_ButNotWithAStream()
    {
        await using var buffered = await StubServer.StartAsync(_ => 503);
        await using var streamed = await StubServer.StartAsync(_ => 503);
        using var host = ClientHost();
        var http = Client(host);

        using var bufferedResponse = await http.PutAsync(buffered.Address, new StringContent("{}"), Cancellation);
        using var streamedResponse = await http.PutAsync(streamed.Address, new StreamContent(new MemoryStream([1, 2, 3])), Cancellation);

        Assert.Equal(4, buffered.RequestCount);
        Assert.Equal(1, streamed.RequestCount);
    }

    [Fact]
    public async Task RetryAfter_IsHonoured_UpToTheCap()
    {
        await using var server = await StubServer.StartAsync((context, number) =>
        {
            context.Response.StatusCode = number == 1 ? 429 : 200;
            context.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        });
        using var host = ClientHost(new()
        {
            ["Resilience:MaxRetryAfter"] = "00:00:00.400",
            ["Resilience:TotalRequestTimeout"] = "00:00:05",
        });

        var elapsed = Stopwatch.StartNew();
        using var response = await Client(host).GetAsync(server.Address, Cancellation);
        elapsed.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(380), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task ClientWithoutResilience_GetsNoRetryAndNoTimeout()
    {
        await using var server = await StubServer.StartAsync(async (context, _) =>
        {
            if (context.Request.Path == "/slow")
            {
                await Task.Delay(600, context.RequestAborted);
                return;
            }

            context.Response.StatusCode = 503;
        });
        using var host = ClientHost(
            new() { ["Resilience:TotalRequestTimeout"] = "00:00:00.300", ["Resilience:AttemptTimeout"] = "00:00:00.200" },
            services => services.AddHttpClient("upstream").WithoutResilience());
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        var upstream = factory.CreateClient("upstream");

        using var failed = await upstream.GetAsync(new Uri(server.Address, "/fail"), Cancellation);
        using var slow = await upstream.GetAsync(new Uri(server.Address, "/slow"), Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.Equal(2, server.RequestCount);
        // The same call through a default client does time out.
        await Assert.ThrowsAsync<TimeoutRejectedException>(() =>
            factory.CreateClient().GetAsync(new Uri(server.Address, "/slow"), Cancellation));
    }

    [Fact]
    public async Task CircuitOpens_AfterRepeatedFailures_AndFailsFastWithoutCallingTheServer()
    {
        await using var server = await StubServer.StartAsync(_ => 500);
        using var host = ClientHost(new()
        {
            ["Resilience:MaxRetryAttempts"] = "0",
            ["Resilience:CircuitBreakerMinimumThroughput"] = "2",
            ["Resilience:CircuitBreakerFailureRatio"] = "0.5",
            ["Resilience:CircuitBreakerBreakDuration"] = "00:00:30",
        });
        var http = Client(host);

        using var first = await http.GetAsync(server.Address, Cancellation);
        using var second = await http.GetAsync(server.Address, Cancellation);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => http.GetAsync(server.Address, Cancellation));

        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Retry_ResolvesTheServiceAgain_AndReachesAHealthyReplica()
    {
        await using var failing = await StubServer.StartAsync(_ => 503);
        await using var healthy = await StubServer.StartAsync((context, _) => context.Response.WriteAsync("healthy"));
        using var host = ClientHost(new()
        {
            ["services:catalog:http:0"] = failing.Address.ToString(),
            ["services:catalog:http:1"] = healthy.Address.ToString(),
        });
        var http = Client(host);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("healthy", await http.GetStringAsync("http://catalog/", Cancellation));
        }

        Assert.InRange(failing.RequestCount, 1, 4);
    }

    // Short delays keep the tests fast; everything else is the defaults.
    private static IHost ClientHost(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?> { ["Resilience:RetryDelay"] = "00:00:00.010" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return TestHosts.BuildClientHost(all, configure);
    }

    private static HttpClient Client(IHost host) => host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
}
