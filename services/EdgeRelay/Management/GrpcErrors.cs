using Platform.EdgeRelay.Errors;
using Platform.Grpc;

namespace Platform.EdgeRelay.Management;

/// <summary>
/// The one mapping of identity's and the ledger's gRPC statuses to the management API's HTTP answers. The services'
/// messages already say what to fix, so client mistakes pass them through; failures of the platform itself do not.
/// </summary>
internal static class GrpcErrors
{
    public static IResult ToResult(RpcException exception) => exception.StatusCode switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => OpenAiError.BadRequest(exception.Detail),
        StatusCode.NotFound => OpenAiError.NotFound(exception.Detail, code: "not_found"),
        StatusCode.AlreadyExists => Conflict(exception.Detail, "already_exists"),
        // The services use it for a change based on stale state (a catalog version) or a user who is disabled.
        StatusCode.FailedPrecondition or StatusCode.Aborted => Conflict(exception.Detail, "conflict"),
        StatusCode.PermissionDenied => OpenAiError.Forbidden(exception.Detail),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => Unavailable("a platform service did not answer in time; retry in a few seconds"),
        StatusCode.Cancelled => Results.StatusCode(StatusCodes.Status499ClientClosedRequest),
        _ => OpenAiError.Create(StatusCodes.Status500InternalServerError,
            "the platform failed to answer this request; retry, and tell the operator if it keeps failing", "server_error", null, null),
    };

    /// <summary>Whether the status is the platform's fault rather than the caller's (worth a log line).</summary>
    public static bool IsServerFault(StatusCode status) =>
        status is not (StatusCode.InvalidArgument or StatusCode.OutOfRange or StatusCode.NotFound or StatusCode.AlreadyExists
            or StatusCode.FailedPrecondition or StatusCode.Aborted or StatusCode.PermissionDenied or StatusCode.Cancelled);

    public static IResult Unavailable(string message, string code = "service_unavailable") =>
        OpenAiError.Create(StatusCodes.Status503ServiceUnavailable, message, "server_error", null, code);

    private static IResult Conflict(string message, string code) =>
        OpenAiError.Create(StatusCodes.Status409Conflict, message, "invalid_request_error", null, code);
}
