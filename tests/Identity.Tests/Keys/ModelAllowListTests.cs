using Platform.Contracts.Identity;
using Platform.Identity.Keys;

namespace Platform.Identity.Tests.Keys;

public sealed class ModelAllowListTests
{
    private static readonly string[] Patterns = ["gpt-4o", "claude-3*"];

    [Theory]
    // check_models off (the default since 24-1111): every model.
    [InlineData(false, false, "gpt-4o", true)]
    [InlineData(false, false, "o1-preview", true)]
    // admin (24-0315): every model, whatever check_models says.
    [InlineData(false, true, "o1-preview", true)]
    [InlineData(true, true, "o1-preview", true)]
    [InlineData(true, true, "gpt-4o", true)]
    // check_models on, not admin: the allow-list decides.
    [InlineData(true, false, "gpt-4o", true)]
    [InlineData(true, false, "claude-3-opus-20240229", true)]
    [InlineData(true, false, "claude-3", true)]
    [InlineData(true, false, "o1-preview", false)]
    [InlineData(true, false, "gpt-4o-mini", false)]
    [InlineData(true, false, "GPT-4O", false)]
    [InlineData(true, false, "claude-2", false)]
    [InlineData(true, false, "", false)]
    public void Allows_FollowsTheCheckModelsAndAdminMatrix(bool checkModels, bool admin, string model, bool allowed) =>
        Assert.Equal(allowed, new ModelAllowList(Patterns, checkModels, admin).Allows(model));

    [Fact]
    public void EmptyList_WithCheckModels_AllowsNothing_ButALoneStarAllowsEverything()
    {
        Assert.False(new ModelAllowList([], checkModels: true, admin: false).Allows("gpt-4o"));
        Assert.True(new ModelAllowList(["*"], checkModels: true, admin: false).Allows("anything"));
    }

    [Fact]
    public void PrefixPatterns_MatchOnlyTheirPrefix()
    {
        var list = new ModelAllowList(["gpt-4o*", "models/gemini-1.5*", "qwen@2.5*"], checkModels: true, admin: false);

        Assert.True(list.Allows("gpt-4o"));
        Assert.True(list.Allows("gpt-4o-2024-08-06"));
        Assert.True(list.Allows("models/gemini-1.5-pro"));
        Assert.True(list.Allows("qwen@2.5-72b"));
        Assert.False(list.Allows("gpt-4"));
        Assert.False(list.Allows("chatgpt-4o-latest"));
        Assert.False(list.Allows("models/gemini-2.0-flash"));
    }

    [Theory]
    [InlineData("gpt-4o", true)]
    [InlineData("claude-3*", true)]
    [InlineData("*", true)]
    [InlineData("models/gemini-1.5-pro:latest", true)]
    [InlineData("org@model_v1.2", true)]
    [InlineData("", false)]
    [InlineData("gpt*4", false)]
    [InlineData("**", false)]
    [InlineData("a*b*", false)]
    [InlineData("*gpt", false)]
    [InlineData("gpt 4", false)]
    [InlineData("gpt-4o?", false)]
    [InlineData("模型", false)]
    public void IsValidPattern_AcceptsNamesAndTrailingStarsOnly(string pattern, bool valid) =>
        Assert.Equal(valid, ModelAllowList.IsValidPattern(pattern));

    [Fact]
    public void IsValidPattern_RefusesOverlongPatterns()
    {
        Assert.True(ModelAllowList.IsValidPattern(new string('a', 128)));
        Assert.False(ModelAllowList.IsValidPattern(new string('a', 129)));
    }
}
