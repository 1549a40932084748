using System.Collections.Concurrent;

namespace Platform.Grpc.Tests.TestServer;

/// <summary>What the test server's handlers saw, per call_id, for the tests to assert on.</summary>
public sealed class EchoObservations
{
    private readonly ConcurrentDictionary<string, ObservedCall> _calls = new();

    public ObservedCall For(string callId) => _calls.GetOrAdd(callId, _ => new ObservedCall());
}
