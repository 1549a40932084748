using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>The stable OpenTelemetry HTTP server span conventions.</summary>
internal static class HttpServerSpanTags
{
    private static readonly HashSet<string> KnownMethods =
        ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    public static void OnRequest(Activity activity, HttpRequest request)
    {
        var method = KnownMethods.Contains(request.Method) ? request.Method : "_OTHER";
        activity.DisplayName = method;
        activity.SetTag("http.request.method", method);
        if (method == "_OTHER")
        {
            activity.SetTag("http.request.method_original", request.Method);
        }

        activity.SetTag("url.scheme", request.Scheme);
        // url.query is left out on purpose: some provider-compatible APIs carry keys in the query string.
        activity.SetTag("url.path", (request.PathBase + request.Path).Value is { Length: > 0 } path ? path : "/");
        activity.SetTag("server.address", request.Host.Host);
        activity.SetTag("server.port", request.Host.Port ?? (request.IsHttps ? 443 : 80));
        activity.SetTag("network.protocol.version", request.Protocol.StartsWith("HTTP/", StringComparison.Ordinal) ? request.Protocol[5..] : request.Protocol);
        if (request.Headers.UserAgent is { Count: > 0 } userAgent)
        {
            activity.SetTag("user_agent.original", userAgent.ToString());
        }
    }

    public static void OnResponse(Activity activity, HttpContext context, Exception? failure)
    {
        // An exception that escapes every handler becomes a 500 once it reaches the server.
        var status = failure is null ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
        activity.SetTag("http.response.status_code", status);

        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            activity.SetTag("http.route", route);
            activity.DisplayName = $"{activity.DisplayName} {route}";
        }

        if (failure is not null)
        {
            activity.SetTag("error.type", failure.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, failure.Message);
        }
        else if (status >= 500)
        {
            activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
