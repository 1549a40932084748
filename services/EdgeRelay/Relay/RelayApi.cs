using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Relay.Requests;

namespace Platform.EdgeRelay.Relay;

/// <summary>The OpenAI-compatible routes: a drop-in base URL for any OpenAI client.</summary>
internal static class RelayApi
{
    public static IEndpointRouteBuilder MapRelayApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireApiKey().WithTags("OpenAI-compatible");
        v1.MapPost("/chat/completions", (HttpContext context, RelayHandler relay) => relay.HandleAsync(context, RelayEndpoint.ChatCompletions))
            .WithName("ChatCompletions");
        v1.MapPost("/completions", (HttpContext context, RelayHandler relay) => relay.HandleAsync(context, RelayEndpoint.Completions))
            .WithName("Completions");
        v1.MapPost("/embeddings", (HttpContext context, RelayHandler relay) => relay.HandleAsync(context, RelayEndpoint.Embeddings))
            .WithName("Embeddings");
        v1.MapGet("/models", ModelsApi.List).WithName("ListModels");
        v1.MapGet("/models/{id}", ModelsApi.Get).WithName("GetModel");
        return app;
    }
}
