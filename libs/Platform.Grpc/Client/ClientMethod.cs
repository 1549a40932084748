using Google.Protobuf.Reflection;

namespace Platform.Grpc.Client;

/// <summary>A method of the contract as a client calls it: its path and the full URI per channel address, built once.</summary>
internal sealed class ClientMethod(MethodDescriptor descriptor, IReadOnlyList<Uri> addresses)
{
    public MethodDescriptor Descriptor { get; } = descriptor;

    public string Path { get; } = $"/{descriptor.Service.FullName}/{descriptor.Name}";

    public Uri[] Targets { get; } = addresses.Select(address => new Uri(address, $"/{descriptor.Service.FullName}/{descriptor.Name}")).ToArray();
}
