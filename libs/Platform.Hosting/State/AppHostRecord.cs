namespace Platform.Hosting.State;

/// <summary>The AppHost process that owns a state directory.</summary>
public sealed record AppHostRecord(int Pid, long StartTicks, DateTimeOffset StartedAt, string StateDirectory, string DataRoot);
