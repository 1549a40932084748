namespace Platform.Messaging.Tests.Support;

/// <summary>How often a test consumer was called; a singleton, since MassTransit creates a consumer per message.</summary>
public sealed class AttemptCounter
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public int Increment() => Interlocked.Increment(ref _attempts);
}
