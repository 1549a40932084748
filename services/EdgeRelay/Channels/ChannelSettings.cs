using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Channels;

/// <summary>
/// A channel's validated settings, everything but its keys. Whole-channel rules (an azure-openai channel needs an
/// api_version, model_map only maps served models) are checked on the result of a create or an update, so a PATCH
/// cannot leave a channel that a POST would have refused.
/// </summary>
internal sealed record ChannelSettings(
    string Name,
    ChannelKind Kind,
    Uri BaseUrl,
    string? ApiVersion,
    IReadOnlyList<string> Models,
    IReadOnlyDictionary<string, string> ModelMap,
    int Priority,
    int Weight,
    bool NoNativeStreaming,
    bool Enabled)
{
    /// <summary>In <see cref="Models"/>: the channel serves any model name too, ranked by priority with the channels that name the model.</summary>
    public const string AnyModel = "*";

    public const int MaxWeight = 10_000;
    private const int MaxKeys = 64;
    private const int MaxModels = 1_000;

    /// <exception cref="ChannelValidationException">A required field is missing, or a field is invalid.</exception>
    public static ChannelSettings Create(ChannelPatch request) => Validate(
        Required(request.Name, "name"),
        Required(request.Kind, "kind"),
        Required(request.BaseUrl, "base_url"),
        request.ApiVersion.Or(null),
        Required(request.Models, "models"),
        request.ModelMap.Or(new Dictionary<string, string>()),
        request.Priority.Or(0),
        request.Weight.Or(1),
        request.NoNativeStreaming.Or(false),
        request.Enabled.Or(true));

    /// <summary>These settings with the given fields of <paramref name="patch"/> (its keys are not settings).</summary>
    /// <exception cref="ChannelValidationException">The result is not a valid channel.</exception>
    public ChannelSettings With(ChannelPatch patch) => Validate(
        patch.Name.Or(Name),
        patch.Kind.Or(Kind.Name()),
        patch.BaseUrl.Or(BaseUrl.AbsoluteUri),
        patch.ApiVersion.Or(ApiVersion),
        patch.Models.Or(Models),
        patch.ModelMap.Or(ModelMap),
        patch.Priority.Or(Priority),
        patch.Weight.Or(Weight),
        patch.NoNativeStreaming.Or(NoNativeStreaming),
        patch.Enabled.Or(Enabled));

    /// <summary>Checks upstream keys: they go into HTTP headers, so no whitespace; at least one.</summary>
    /// <exception cref="ChannelValidationException">The list is empty or a key is malformed.</exception>
    public static IReadOnlyList<string> ValidKeys(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            throw new ChannelValidationException("keys must hold at least one upstream API key", "keys");
        }
        if (keys.Count > MaxKeys)
        {
            throw new ChannelValidationException($"keys holds {keys.Count} keys; a channel has at most {MaxKeys} (make another channel)", "keys");
        }
        for (var i = 0; i < keys.Count; i++)
        {
            // The message never repeats a key: responses and logs must not carry key material.
            if (keys[i].Length < 8 || !IsToken(keys[i], 4096))
            {
                throw new ChannelValidationException($"keys[{i}] is not an API key: it must be 8-4096 characters without spaces", "keys");
            }
            if (keys.Take(i).Contains(keys[i], StringComparer.Ordinal))
            {
                throw new ChannelValidationException($"keys[{i}] repeats an earlier key; list each key once", "keys");
            }
        }
        return keys;
    }

    private static ChannelSettings Validate(string name, string kindName, string baseUrl, string? apiVersion, IReadOnlyList<string> models,
        IReadOnlyDictionary<string, string> modelMap, int priority, int weight, bool noNativeStreaming, bool enabled)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            throw new ChannelValidationException("name must be 1-100 characters, e.g. \"openai-main\"", "name");
        }
        var kind = ChannelKindNames.Parse(kindName)
            ?? throw new ChannelValidationException($"kind '{kindName}' is not supported; use {ChannelKindNames.Supported}", "kind");
        var url = ValidBaseUrl(baseUrl);
        if (kind == ChannelKind.AzureOpenAi && apiVersion is null)
        {
            throw new ChannelValidationException("an azure-openai channel needs api_version, e.g. \"2024-10-21\"", "api_version");
        }
        if (kind != ChannelKind.AzureOpenAi && apiVersion is not null)
        {
            throw new ChannelValidationException($"api_version is for azure-openai channels only; leave it out (or send null) for a {kind.Name()} channel", "api_version");
        }
        if (apiVersion is not null && !IsToken(apiVersion, 40))
        {
            throw new ChannelValidationException("api_version must be 1-40 characters without spaces, e.g. \"2024-10-21\"", "api_version");
        }
        ValidateModels(models, modelMap);
        if (weight is < 1 or > MaxWeight)
        {
            throw new ChannelValidationException($"weight must be between 1 and {MaxWeight}: the channel's share of traffic among the channels of its priority", "weight");
        }
        return new ChannelSettings(name, kind, url, apiVersion, models, modelMap, priority, weight, noNativeStreaming, enabled);
    }

    private static Uri ValidBaseUrl(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ChannelValidationException($"base_url '{baseUrl}' is not an absolute http(s) URL; use e.g. \"https://api.openai.com\" or \"https://api.deepseek.com/v1\"", "base_url");
        }
        if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            // Said without echoing the URL: user info may be a credential.
            throw new ChannelValidationException("base_url must not carry user info, a query or a fragment; upstream keys go in keys", "base_url");
        }
        return url;
    }

    private static void ValidateModels(IReadOnlyList<string> models, IReadOnlyDictionary<string, string> modelMap)
    {
        if (models.Count is 0 or > MaxModels)
        {
            throw new ChannelValidationException($"models must list 1-{MaxModels} public model names (\"*\" serves any model)", "models");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (!IsToken(model, 200))
            {
                throw new ChannelValidationException($"models: '{model}' is not a model name (1-200 characters without spaces)", "models");
            }
            if (!seen.Add(model))
            {
                throw new ChannelValidationException($"models lists '{model}' twice", "models");
            }
        }
        foreach (var (publicName, upstreamName) in modelMap)
        {
            if (publicName == AnyModel)
            {
                throw new ChannelValidationException("model_map cannot map '*'; map each public model name to its upstream name", "model_map");
            }
            // A "*" channel serves any name, so it may rename models it does not list.
            if (!seen.Contains(publicName) && !seen.Contains(AnyModel))
            {
                throw new ChannelValidationException($"model_map maps '{publicName}', which is not in models; add it to models or remove it from model_map", "model_map");
            }
            if (!IsToken(upstreamName, 200))
            {
                throw new ChannelValidationException($"model_map maps '{publicName}' to '{upstreamName}', which is not a model name (1-200 characters without spaces)", "model_map");
            }
        }
    }

    private static bool IsToken(string value, int maxLength) =>
        value.Length > 0 && value.Length <= maxLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static T Required<T>(Optional<T> field, string name) =>
        field.IsSet ? field.Value : throw new ChannelValidationException($"{name} is required", name);
}
