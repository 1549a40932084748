using System.Net;
using System.Text.Json;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Auth;

[Collection(EdgeCollection.Name)]
public sealed class ErrorShapeTests(EdgeStack edge)
{
    [Fact]
    public async Task UnknownRoute_IsA404InOpenAisErrorShape()
    {
        using var client = edge.Client(null);

        var response = await client.GetAsync("/v1/no-such-route", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = body.RootElement.GetProperty("error");
        Assert.Contains("/v1/no-such-route", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }
}
