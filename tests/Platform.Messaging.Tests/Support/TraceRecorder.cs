using System.Diagnostics;

namespace Platform.Messaging.Tests.Support;

/// <summary>The trace a test consumer ran in.</summary>
public sealed class TraceRecorder
{
    public TaskCompletionSource<ActivityTraceId> Consumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
