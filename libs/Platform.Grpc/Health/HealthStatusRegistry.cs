using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.Grpc.Health;

/// <summary>
/// The serving status that <c>grpc.health.v1.Health</c> reports, per service name. The name ""
/// is the server as a whole and starts as SERVING; other names are unknown (NOT_FOUND) until set.
/// Thread-safe; registered as a singleton by AddGrpcServer.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Sets the status of <paramref name="service"/> ("" for the whole server) and notifies Watch calls.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        TaskCompletionSource changed;
        lock (_lock)
        {
            _statuses[service] = status;
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    /// <summary>The status of <paramref name="service"/>, if one was set.</summary>
    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>The current status (SERVICE_UNKNOWN when unset) and a task that completes at the next change.</summary>
    internal (ServingStatus Status, Task Changed) Watch(string service)
    {
        lock (_lock)
        {
            return (_statuses.GetValueOrDefault(service, ServingStatus.ServiceUnknown), _changed.Task);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
