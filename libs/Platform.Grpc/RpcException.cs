namespace Platform.Grpc;

/// <summary>
/// A call ended with a non-OK status. Server handlers throw it to answer with that status;
/// clients receive it for every failed call (including their own cancellation and deadline).
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the exception for <paramref name="statusCode"/>.</summary>
    /// <param name="statusCode">The status sent as <c>grpc-status</c>.</param>
    /// <param name="detail">The message sent as <c>grpc-message</c>; any Unicode text.</param>
    /// <param name="trailers">Custom metadata sent in (or received from) the trailers.</param>
    public RpcException(StatusCode statusCode, string? detail = null, Metadata? trailers = null)
        : this(statusCode, detail, trailers, innerException: null)
    {
    }

    internal RpcException(StatusCode statusCode, string? detail, Metadata? trailers, Exception? innerException)
        : base($"Status(StatusCode=\"{statusCode}\", Detail=\"{detail}\")", innerException)
    {
        StatusCode = statusCode;
        Detail = detail ?? string.Empty;
        Trailers = trailers ?? new Metadata();
    }

    /// <summary>The gRPC status of the call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The status message (<c>grpc-message</c>, already percent-decoded); empty when none.</summary>
    public string Detail { get; }

    /// <summary>Custom trailer metadata of the call.</summary>
    public Metadata Trailers { get; }
}
