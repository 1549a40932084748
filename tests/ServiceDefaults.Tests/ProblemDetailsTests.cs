using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Tests.Support;

namespace Platform.ServiceDefaults.Tests;

public sealed class ProblemDetailsTests
{
    [Fact]
    public async Task UnhandledException_BecomesProblemDetails()
    {
        await using var app = await TestHosts.StartWebAppAsync(mapEndpoints: endpoints =>
            endpoints.MapGet("/boom", string () => throw new InvalidOperationException("boom")));
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/boom", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task UnknownRoute_BecomesProblemDetails()
    {
        await using var app = await TestHosts.StartWebAppAsync();
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/no-such-route", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(problem.RootElement.TryGetProperty("detail", out _), "no exception details leak outside Development");
    }
}
