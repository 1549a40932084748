using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.Grpc.Client;

/// <summary>
/// Calls the methods of one proto service through a <see cref="GrpcChannel"/>. Method names and
/// message types are checked against the service descriptor. Thread-safe; get it from
/// <see cref="GrpcChannel.CreateCaller"/> (cached there) and share it.
/// </summary>
public sealed class GrpcCaller
{
    private readonly GrpcChannel _channel;
    private readonly FrozenDictionary<string, ClientMethod> _methods;

    internal GrpcCaller(GrpcChannel channel, ServiceDescriptor service)
    {
        _channel = channel;
        Service = service;
        _methods = service.Methods.ToFrozenDictionary(method => method.Name, method => new ClientMethod(method, channel.Addresses), StringComparer.Ordinal);
    }

    /// <summary>The service this caller calls.</summary>
    public ServiceDescriptor Service { get; }

    /// <summary>Starts a unary call; <c>await</c> the result for the response.</summary>
    /// <param name="method">The method name as in the .proto, e.g. <c>"Check"</c>.</param>
    /// <param name="request">The request message.</param>
    /// <param name="options">Deadline, metadata, idempotency and cancellation.</param>
    /// <exception cref="ArgumentException">The service has no such unary method, or the message types differ from the contract.</exception>
    public UnaryCall<TResponse> UnaryAsync<TRequest, TResponse>(string method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new ClientCall<TResponse>(_channel, Find<TRequest, TResponse>(method, serverStreaming: false), request, options);
        return new UnaryCall<TResponse>(call, call.RunUnaryAsync());
    }

    /// <summary>Prepares a server-streaming call; it is sent when enumerated with <c>await foreach</c>.</summary>
    /// <param name="method">The method name as in the .proto, e.g. <c>"Watch"</c>.</param>
    /// <param name="request">The request message.</param>
    /// <param name="options">Deadline, metadata, idempotency and cancellation.</param>
    /// <exception cref="ArgumentException">The service has no such server-streaming method, or the message types differ from the contract.</exception>
    public ServerStreamingCall<TResponse> ServerStreamingAsync<TRequest, TResponse>(string method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ServerStreamingCall<TResponse>(
            new ClientCall<TResponse>(_channel, Find<TRequest, TResponse>(method, serverStreaming: true), request, options));
    }

    private ClientMethod Find<TRequest, TResponse>(string method, bool serverStreaming)
    {
        if (!_methods.TryGetValue(method, out var found))
        {
            throw new ArgumentException(
                $"Service '{Service.FullName}' has no method '{method}'; it has: {string.Join(", ", _methods.Keys)}.", nameof(method));
        }
        var descriptor = found.Descriptor;
        if (descriptor.IsClientStreaming || descriptor.IsServerStreaming != serverStreaming)
        {
            throw new ArgumentException(
                $"'{found.Path}' is {Kind(descriptor)}; call it with {(descriptor.IsServerStreaming && !descriptor.IsClientStreaming ? nameof(ServerStreamingAsync) : nameof(UnaryAsync))}.",
                nameof(method));
        }
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"'{found.Path}' takes {descriptor.InputType.ClrType.Name} and returns {descriptor.OutputType.ClrType.Name}, not {typeof(TRequest).Name} and {typeof(TResponse).Name}.",
                nameof(method));
        }
        return found;
    }

    private static string Kind(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => "unary",
        (false, true) => "server-streaming",
        (true, false) => "client-streaming, which Platform.Grpc does not support",
        (true, true) => "bidirectional-streaming, which Platform.Grpc does not support",
    };
}
