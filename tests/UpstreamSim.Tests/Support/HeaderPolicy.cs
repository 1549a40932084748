using System.ClientModel.Primitives;

namespace Platform.UpstreamSim.Tests.Support;

/// <summary>Adds one header to every request of an SDK client.</summary>
internal sealed class HeaderPolicy(string name, string value) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        await ProcessNextAsync(message, pipeline, currentIndex);
    }
}
