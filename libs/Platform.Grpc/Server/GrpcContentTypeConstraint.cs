using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Server;

/// <summary>Lets the catch-all "unknown service" route match gRPC requests only, so other POSTs still get a plain 404.</summary>
internal sealed class GrpcContentTypeConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        routeDirection == RouteDirection.IncomingRequest && GrpcProtocol.IsGrpcContentType(httpContext?.Request.ContentType);
}
