using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MassTransit;
using Npgsql;
using Platform.Contracts.Events.Relay;
using Platform.EdgeRelay.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRelay.Tests.Channels;

/// <summary>A change made elsewhere (another replica) reaches this edge through ChannelChanged on its own queue.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ChannelChangedTests(EdgeStack edge, PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChannelChanged_MakesTheEdgeReloadItsChannels()
    {
        using var client = edge.Operator();
        var created = await client.PostAsJsonAsync("/admin/v1/channels",
            ChannelsApiTests.NewChannel($"chan-{Guid.NewGuid():N}", [EdgeStack.SimOpenAiKey], edge.SimAddress.AbsoluteUri), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Guid.Parse(JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetString()!);
        // What another replica's admin call would do, without this edge seeing the call.
        await using (var db = new NpgsqlConnection(edge.RelayDatabase))
        {
            await db.ExecuteAsync("UPDATE channels SET enabled = false, disabled_by = 'operator', disabled_reason = 'elsewhere' WHERE id = @id", new { id });
        }
        Assert.True(await LiveAsync(client, id));

        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(infrastructure.RabbitMqConnectionString)));
        await bus.StartAsync(Cancel);
        try
        {
            await bus.Publish(new ChannelChanged(id, DateTimeOffset.UtcNow), Cancel);
        }
        finally
        {
            await bus.StopAsync(Cancel);
        }

        // Well within the 30 s periodic reload: the event did it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (await LiveAsync(client, id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
        }
        Assert.False(await LiveAsync(client, id));

        await client.DeleteAsync($"/admin/v1/channels/{id}", Cancel);
    }

    private static async Task<bool> LiveAsync(HttpClient client, Guid id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/admin/v1/channels/{id}", Cancel)).RootElement.GetProperty("live").GetBoolean();
}
