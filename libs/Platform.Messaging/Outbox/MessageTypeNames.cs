using System.Collections.Concurrent;

namespace Platform.Messaging.Outbox;

// Rows name their type without an assembly version, so a redeployed contracts assembly still resolves them.
internal static class MessageTypeNames
{
    private static readonly ConcurrentDictionary<string, Type> Types = new();

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) => Types.GetOrAdd(name, static name =>
        Type.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException($"outbox message type '{name}' cannot be loaded: deploy the assembly that defines it"));
}
