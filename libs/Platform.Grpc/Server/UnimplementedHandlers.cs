using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Grpc.Server;

/// <summary>Answers calls to services or methods that no implementation serves with UNIMPLEMENTED.</summary>
internal static class UnimplementedHandlers
{
    public static Task UnknownService(HttpContext httpContext)
    {
        if (RequestValidation.TryAccept(httpContext, out _))
        {
            ServerResponse.Reject(httpContext.Response, StatusCodes.Status200OK, StatusCode.Unimplemented,
                $"Service '{httpContext.GetRouteValue("service")}' is unimplemented on this server.");
        }
        return Task.CompletedTask;
    }

    public static Task UnknownMethod(HttpContext httpContext, string service)
    {
        if (RequestValidation.TryAccept(httpContext, out _))
        {
            ServerResponse.Reject(httpContext.Response, StatusCodes.Status200OK, StatusCode.Unimplemented,
                $"Method '{httpContext.GetRouteValue("method")}' is unimplemented in service '{service}'.");
        }
        return Task.CompletedTask;
    }
}
