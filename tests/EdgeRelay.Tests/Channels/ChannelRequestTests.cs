using System.Text.Json;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Channels.Admin;

namespace Platform.EdgeRelay.Tests.Channels;

public sealed class ChannelRequestTests
{
    private const string Valid = """{"name": "main", "kind": "openai", "base_url": "https://api.openai.com", "keys": ["sk-abcdefgh"], "models": ["gpt-4o"]}""";

    [Fact]
    public void Create_FillsTheDefaults()
    {
        var settings = ChannelSettings.Create(Read(Valid));

        Assert.Equal(new Uri("https://api.openai.com/"), settings.BaseUrl);
        Assert.Equal((0, 1, false, true), (settings.Priority, settings.Weight, settings.NoNativeStreaming, settings.Enabled));
        Assert.Empty(settings.ModelMap);
    }

    [Fact]
    public void Patch_KeepsWhatItDoesNotName_AndChecksTheWholeResult()
    {
        var settings = ChannelSettings.Create(Read(Valid));

        var changed = settings.With(Read("""{"weight": 3, "models": ["gpt-4o", "gpt-4o-mini"]}"""));

        Assert.Equal(settings with { Weight = 3, Models = changed.Models }, changed);
        var failure = Assert.Throws<ChannelValidationException>(() => settings.With(Read("""{"kind": "azure-openai"}""")));
        Assert.Equal("api_version", failure.Param);
    }

    [Fact]
    public void AnyModelChannel_MayRenameModelsItDoesNotList()
    {
        var settings = ChannelSettings.Create(Read(Valid)).With(Read("""{"models": ["*"], "model_map": {"gpt-4o": "gpt-4o-2024-08-06"}}"""));

        Assert.Equal("gpt-4o-2024-08-06", settings.ModelMap["gpt-4o"]);
    }

    [Theory]
    [InlineData("""{"keys": []}""", "keys", "at least one")]
    [InlineData("""{"keys": ["short"]}""", "keys", "keys[0] is not an API key")]
    [InlineData("""{"keys": ["sk-abcdefgh", "sk-abcdefgh"]}""", "keys", "keys[1] repeats")]
    [InlineData("""{"keys": "sk-abcdefgh"}""", "keys", "array of strings")]
    public void Keys_AreChecked_WithoutBeingQuoted(string patch, string param, string message)
    {
        var failure = Assert.Throws<ChannelValidationException>(() => ChannelSettings.ValidKeys(Read(patch).Keys.Value));

        Assert.Equal(param, failure.Param);
        Assert.Contains(message, failure.Message);
        Assert.DoesNotContain("sk-abcdefgh", failure.Message);
    }

    [Theory]
    [InlineData("""{"colour": "red"}""", "colour", "unknown field 'colour'")]
    [InlineData("""{"weight": "heavy"}""", "weight", "weight must be a whole number")]
    [InlineData("""{"weight": 1.5}""", "weight", "weight must be a whole number")]
    [InlineData("""{"enabled": "yes"}""", "enabled", "enabled must be true or false")]
    [InlineData("""{"name": "a", "name": "b"}""", "name", "given twice")]
    [InlineData("""["not", "an", "object"]""", "body", "must be a JSON object")]
    [InlineData("""{"model_map": {"gpt-4o": 4}}""", "model_map", "object of strings")]
    public void Read_IsStrict(string body, string param, string message)
    {
        var failure = Assert.Throws<ChannelValidationException>(() => Read(body));

        Assert.Equal(param, failure.Param);
        Assert.Contains(message, failure.Message);
    }

    private static ChannelPatch Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ChannelRequestReader.Read(document.RootElement);
    }
}
