using System.ClientModel;
using OpenAI.Models;
using OpenAI.Moderations;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.OpenAI;

public sealed class ModelsAndModerationTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_ListAndRetrieve_UnknownIs404()
    {
        var client = sim.OpenAI().GetOpenAIModelClient();

        OpenAIModelCollection models = await client.GetModelsAsync(Token);
        OpenAIModel one = await client.GetModelAsync("gpt-4o-mini", Token);
        var missing = await Assert.ThrowsAsync<ClientResultException>(() => client.GetModelAsync("gpt-nope", Token));

        Assert.Contains(models, model => model.Id == "text-embedding-3-small");
        Assert.Equal("gpt-4o-mini", one.Id);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Moderation_FlagsTriggerWordsOnly()
    {
        var client = sim.OpenAI().GetModerationClient("omni-moderation-latest");

        ModerationResult violent = await client.ClassifyTextAsync("I will kill the process", Token);
        ModerationResult calm = await client.ClassifyTextAsync("A calm walk in the park", Token);

        Assert.True(violent.Flagged);
        Assert.True(violent.Violence.Flagged);
        Assert.True(violent.Violence.Score > 0.9f);
        Assert.False(violent.Hate.Flagged);
        Assert.False(calm.Flagged);
        Assert.True(calm.Violence.Score < 0.01f);
    }
}
