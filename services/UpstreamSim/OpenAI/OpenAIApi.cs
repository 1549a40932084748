using Platform.UpstreamSim.OpenAI.Audio;
using Platform.UpstreamSim.OpenAI.Chat;
using Platform.UpstreamSim.OpenAI.Completions;
using Platform.UpstreamSim.OpenAI.Embeddings;
using Platform.UpstreamSim.OpenAI.Images;
using Platform.UpstreamSim.OpenAI.Models;
using Platform.UpstreamSim.OpenAI.Moderations;

namespace Platform.UpstreamSim.OpenAI;

/// <summary>The OpenAI REST API as the official SDKs call it, under <c>/v1</c>.</summary>
internal static class OpenAIApi
{
    public static IEndpointRouteBuilder MapOpenAIApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").WithTags("OpenAI");
        v1.MapPost("/chat/completions", ChatCompletionsEndpoint.CreateAsync)
            .WithName("CreateChatCompletion").AddEndpointFilter(new OpenAIGate("openai.chat.completions", streams: true));
        v1.MapPost("/completions", CompletionsEndpoint.CreateAsync)
            .WithName("CreateCompletion").AddEndpointFilter(new OpenAIGate("openai.completions", streams: true));
        v1.MapPost("/embeddings", EmbeddingsEndpoint.CreateAsync)
            .WithName("CreateEmbedding").AddEndpointFilter(new OpenAIGate("openai.embeddings", streams: false));
        v1.MapGet("/models", ModelsEndpoints.List)
            .WithName("ListModels").AddEndpointFilter(new OpenAIGate("openai.models", streams: false));
        v1.MapGet("/models/{model}", ModelsEndpoints.Get)
            .WithName("RetrieveModel").AddEndpointFilter(new OpenAIGate("openai.models", streams: false));
        v1.MapPost("/moderations", ModerationsEndpoint.CreateAsync)
            .WithName("CreateModeration").AddEndpointFilter(new OpenAIGate("openai.moderations", streams: false));
        v1.MapPost("/images/generations", ImagesEndpoint.GenerateAsync)
            .WithName("CreateImage").AddEndpointFilter(new OpenAIGate("openai.images.generations", streams: false));
        v1.MapPost("/audio/speech", SpeechEndpoint.CreateAsync)
            .WithName("CreateSpeech").AddEndpointFilter(new OpenAIGate("openai.audio.speech", streams: false));
        return endpoints;
    }
}
