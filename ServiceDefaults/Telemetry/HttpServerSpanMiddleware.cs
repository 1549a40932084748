using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.ServiceDefaults.Health;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// ASP.NET Core 10 starts a bare request activity and leaves the semantic-convention tags to
/// OpenTelemetry.Instrumentation.AspNetCore, which is not available here; this middleware sets
/// them. It also drops the spans of health probes, which orchestrators send every few seconds:
/// clearing the Recorded flag keeps the span (and, through the parent-based sampler, its
/// children) out of every export.
/// </summary>
internal sealed class HttpServerSpanMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is not { IsAllDataRequested: true })
        {
            await next(context);
            return;
        }

        if (HealthEndpoints.IsProbe(context.Request.Path.Value))
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            await next(context);
            return;
        }

        HttpServerSpanTags.OnRequest(activity, context.Request);
        Exception? failure = null;
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            failure = exception;
            throw;
        }
        finally
        {
            HttpServerSpanTags.OnResponse(activity, context, failure);
        }
    }
}
