using Microsoft.Extensions.Options;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Channels.Health;

namespace Platform.EdgeRelay.Tests.Channels;

public sealed class ChannelSelectionTests
{
    private readonly ChannelHealth _health = new(Options.Create(new ChannelOptions()), new ManualClock());

    [Fact]
    public void Candidates_ComeByPriorityGroup_HighestFirst()
    {
        var snapshot = Snapshot(Channel("low", priority: 0), Channel("top-a", priority: 10), Channel("mid", priority: 5), Channel("top-b", priority: 10));

        for (var draw = 0; draw < 50; draw++)
        {
            var names = snapshot.Candidates("gpt-4o", _health, Random.Shared).Select(candidate => candidate.ChannelName).ToList();

            Assert.Equal(["top-a", "top-b"], names.Take(2).Order());
            Assert.Equal(["mid", "low"], names.Skip(2));
        }
    }

    [Fact]
    public void Candidates_WithinAGroup_LeadInProportionToWeight()
    {
        var snapshot = Snapshot(Channel("one", weight: 1), Channel("two", weight: 2), Channel("seven", weight: 7));
        var random = new Random(20_250_101);
        var firsts = new Dictionary<string, int> { ["one"] = 0, ["two"] = 0, ["seven"] = 0 };

        for (var draw = 0; draw < 10_000; draw++)
        {
            var candidates = snapshot.Candidates("gpt-4o", _health, random);
            Assert.Equal(3, candidates.Count);
            firsts[candidates[0].ChannelName]++;
        }

        Assert.InRange(firsts["one"], 800, 1_200);
        Assert.InRange(firsts["two"], 1_800, 2_200);
        Assert.InRange(firsts["seven"], 6_800, 7_200);
    }

    [Fact]
    public void Candidates_LeaveOutChannelsWithAnOpenBreaker()
    {
        var broken = Channel("broken", priority: 10);
        var snapshot = Snapshot(broken, Channel("spare", priority: 0));
        for (var failure = 0; failure < 5; failure++)
        {
            _health.ReportFailure(broken.Id, ChannelFailure.ServerError);
        }

        Assert.Equal(["spare"], snapshot.Candidates("gpt-4o", _health, Random.Shared).Select(candidate => candidate.ChannelName));
        Assert.True(snapshot.Serves("gpt-4o"));
    }

    [Fact]
    public void Candidates_ApplyTheModelMap()
    {
        var snapshot = Snapshot(Channel("azure", models: ["gpt-4o", "gpt-4o-mini"], map: new() { ["gpt-4o"] = "my-gpt4o-deployment" }));

        Assert.Equal("my-gpt4o-deployment", snapshot.Candidates("gpt-4o", _health, Random.Shared).Single().UpstreamModel);
        Assert.Equal("gpt-4o-mini", snapshot.Candidates("gpt-4o-mini", _health, Random.Shared).Single().UpstreamModel);
    }

    [Fact]
    public void Candidates_IncludeAnyModelChannels_ByTheirPriority()
    {
        var snapshot = Snapshot(Channel("named", priority: 5, models: ["gpt-4o"]), Channel("catch-all", priority: 1, models: ["*"]),
            Channel("both", priority: 9, models: ["gpt-4o", "*"]));

        Assert.Equal(["both", "named", "catch-all"], snapshot.Candidates("gpt-4o", _health, Random.Shared).Select(candidate => candidate.ChannelName));
        Assert.Equal(["both", "catch-all"], snapshot.Candidates("some-new-model", _health, Random.Shared).Select(candidate => candidate.ChannelName));
        Assert.Equal(["gpt-4o"], snapshot.Models);
    }

    [Fact]
    public void Candidates_AreEmpty_WhenNoChannelServesTheModel()
    {
        var snapshot = Snapshot(Channel("named", models: ["gpt-4o"]));

        Assert.Empty(snapshot.Candidates("claude-sonnet-4", _health, Random.Shared));
        Assert.False(snapshot.Serves("claude-sonnet-4"));
    }

    [Fact]
    public void Candidates_TakeTheChannelsKeysInTurn_AndNeverPrintThem()
    {
        var snapshot = Snapshot(Channel("three-keys", keys: ["sk-key-aaaaaaaa", "sk-key-bbbbbbbb", "sk-key-cccccccc"]));

        var keys = Enumerable.Range(0, 6).Select(_ => snapshot.Candidates("gpt-4o", _health, Random.Shared).Single()).ToList();

        Assert.All(keys.GroupBy(candidate => candidate.ApiKey), group => Assert.Equal(2, group.Count()));
        Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.NotEqual(pair.First.ApiKey, pair.Second.ApiKey));
        Assert.DoesNotContain("sk-key", keys[0].ToString());
    }

    private static ChannelSnapshot Snapshot(params ActiveChannel[] channels) => new(channels);

    private static ActiveChannel Channel(string name, int priority = 0, int weight = 1, string[]? models = null, Dictionary<string, string>? map = null,
        string[]? keys = null) =>
        new(Guid.NewGuid(),
            new ChannelSettings(name, ChannelKind.Sim, new Uri("http://127.0.0.1:5099/"), null, models ?? ["gpt-4o"], map ?? [], priority, weight, false, true),
            keys ?? ["sk-sim-dev-0000000000000000"]);
}
