using Platform.EdgeRelay.Errors;
using Platform.EdgeRelay.Relay;

namespace Microsoft.AspNetCore.Builder;

internal static class EdgeApis
{
    /// <summary>Every public route of the edge: the OpenAI-compatible API, the management API and the operator API.</summary>
    public static WebApplication MapEdgeApis(this WebApplication app)
    {
        app.MapRelayApi();
        app.MapChannelsApi();
        app.MapManagementApi();
        app.MapOperatorApi();
        app.MapFallback((HttpRequest request) => OpenAiError.NotFound(
            $"there is no route {request.Method} {request.Path}; the API is OpenAI's (/v1/chat/completions, /v1/models, ...) plus /api/v1/* and /admin/v1/*",
            code: "unknown_route"));
        return app;
    }
}
