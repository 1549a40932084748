namespace Platform.UpstreamSim.OpenAI.Models;

internal static class ModelsEndpoints
{
    public static IResult List() => new ModelsResult(null);

    public static IResult Get(string model) =>
        ModelCatalog.Find(model) is { } found ? new ModelsResult(found) : OpenAIError.ModelNotFound(model);
}
