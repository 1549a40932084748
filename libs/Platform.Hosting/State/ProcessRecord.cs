namespace Platform.Hosting.State;

/// <summary>A process id with its kernel start time, so a later process reusing the id is never mistaken for it.</summary>
public sealed record ProcessRecord(int Pid, long StartTicks);
