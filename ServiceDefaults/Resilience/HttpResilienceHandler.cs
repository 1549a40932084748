using Microsoft.Extensions.Logging;
using Polly;
using Polly.Registry;

namespace Platform.ServiceDefaults.Resilience;

internal sealed class HttpResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipelineRegistry<HttpResiliencePipelineKey> _pipelines;
    private readonly string _clientName;
    private readonly Action<ResiliencePipelineBuilder<HttpResponseMessage>, ConfigureBuilderContext<HttpResiliencePipelineKey>> _configure;

    public HttpResilienceHandler(
        ResiliencePipelineRegistry<HttpResiliencePipelineKey> pipelines,
        string clientName,
        HttpResilienceOptions options,
        ILogger<HttpResilienceHandler> logger)
    {
        _pipelines = pipelines;
        _clientName = clientName;
        _configure = (pipeline, context) => HttpResiliencePipeline.Configure(pipeline, context.PipelineKey, options, logger);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = new HttpResiliencePipelineKey(_clientName, request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "");
        var pipeline = _pipelines.GetOrAddPipeline(key, _configure);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResiliencePipeline.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(
                    state.Handler.SendOnceAsync(state.Request, context.CancellationToken)),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
