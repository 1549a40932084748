namespace Platform.Grpc.Client;

/// <summary>The grpc-status and decoded grpc-message a response carried.</summary>
internal readonly record struct ReceivedStatus(StatusCode Code, string Detail);
