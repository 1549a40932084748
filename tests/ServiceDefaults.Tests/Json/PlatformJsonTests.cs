using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults.Json;
using Platform.ServiceDefaults.Tests.Support;

namespace Platform.ServiceDefaults.Tests.Json;

public sealed class PlatformJsonTests
{
    public enum Tier { Free, ProPlus }

    public sealed record Account(string DisplayName, string? Nickname, Tier PlanTier);

    private const string Expected = """{"display_name":"Ada","plan_tier":"pro_plus"}""";

    [Fact]
    public void Options_UseSnakeCase_EnumsAsSnakeCaseStrings_AndOmitNulls()
    {
        Assert.Equal(Expected, JsonSerializer.Serialize(new Account("Ada", null, Tier.ProPlus), PlatformJson.Options));
        Assert.Equal(
            new Account("Ada", "ada", Tier.Free),
            JsonSerializer.Deserialize<Account>("""{"display_name":"Ada","nickname":"ada","plan_tier":"free"}""", PlatformJson.Options));
        Assert.True(PlatformJson.Options.IsReadOnly);
    }

    [Fact]
    public async Task HttpEndpoints_WriteThePlatformConventions()
    {
        await using var app = await TestHosts.StartWebAppAsync(mapEndpoints: endpoints =>
            endpoints.MapGet("/account", () => TypedResults.Ok(new Account("Ada", null, Tier.ProPlus))));
        using var http = app.CreateClient();

        Assert.Equal(Expected, await http.GetStringAsync("/account", TestContext.Current.CancellationToken));
    }
}
