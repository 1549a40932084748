using Platform.EdgeRelay.Errors;
using Platform.EdgeRelay.Json;
using Platform.Grpc;

namespace Platform.EdgeRelay.Management;

/// <summary>
/// Turns what a management handler throws into the OpenAI-shaped error: a refused request into 400, a service's status
/// through <see cref="GrpcErrors"/>. Handlers stay straight-line code.
/// </summary>
internal static class ErrorTranslation
{
    public static TBuilder TranslateErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (InvalidRequestException exception)
            {
                return OpenAiError.BadRequest(exception.Message, exception.Param);
            }
            catch (RpcException exception)
            {
                if (GrpcErrors.IsServerFault(exception.StatusCode))
                {
                    var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorTranslation));
                    logger.LogWarning("{Method} {Path} failed: the service answered {Status}", context.HttpContext.Request.Method,
                        context.HttpContext.Request.Path, exception.StatusCode);
                }
                return GrpcErrors.ToResult(exception);
            }
        });
}
