using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Grpc.Server;

/// <summary>
/// Matches the public methods of an implementation class to the methods of a proto service by
/// name and signature, once at startup, and builds a typed handler per method. Calls then go
/// through open-instance delegates: no reflection per call.
/// </summary>
internal static class ServiceBinder
{
    public static IReadOnlyList<(MethodDescriptor Method, RequestDelegate Handler)> Bind<TService>(
        ServiceDescriptor service, GrpcServerOptions options, ILogger logger)
        where TService : class
    {
        var implementation = typeof(TService);
        var bound = new List<(MethodDescriptor, RequestDelegate)>(service.Methods.Count);
        foreach (var method in service.Methods)
        {
            var expected = ExpectedSignature(method);
            if (method.IsClientStreaming)
            {
                throw BindError(service, implementation,
                    $"'{method.Name}' is {(method.IsServerStreaming ? "bidirectional" : "client")}-streaming; Platform.Grpc serves unary and server-streaming methods only.");
            }
            var candidates = implementation.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(candidate => candidate.Name == method.Name)
                .ToArray();
            if (candidates.Length == 0)
            {
                throw BindError(service, implementation, $"it has no public method '{method.Name}'; add {expected}.");
            }
            if (candidates.Length > 1)
            {
                throw BindError(service, implementation, $"it has {candidates.Length} overloads of '{method.Name}'; keep only {expected}.");
            }
            var candidate = candidates[0];
            if (!HasSignature(candidate, method))
            {
                throw BindError(service, implementation, $"'{method.Name}' has the wrong signature; expected {expected}.");
            }
            var path = $"/{service.FullName}/{method.Name}";
            bound.Add((method, CreateHandler(implementation, candidate, method, path, options, logger)));
        }
        return bound;
    }

    private static RequestDelegate CreateHandler(
        Type implementation, MethodInfo clrMethod, MethodDescriptor method, string path, GrpcServerOptions options, ILogger logger)
    {
        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        Type handlerType;
        Type invokerType;
        if (method.IsServerStreaming)
        {
            handlerType = typeof(ServerStreamingMethodHandler<,,>).MakeGenericType(implementation, request, response);
            invokerType = typeof(Func<,,,,>).MakeGenericType(
                implementation, request, typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext), typeof(Task));
        }
        else
        {
            handlerType = typeof(UnaryMethodHandler<,,>).MakeGenericType(implementation, request, response);
            invokerType = typeof(Func<,,,>).MakeGenericType(
                implementation, request, typeof(ServerCallContext), typeof(Task<>).MakeGenericType(response));
        }
        var invoker = Delegate.CreateDelegate(invokerType, clrMethod);
        var handler = Activator.CreateInstance(handlerType, path, method.InputType.Parser, invoker, options, logger)!;
        var handle = handlerType.GetMethod(nameof(ServerMethodHandler<,>.HandleAsync))!;
        return handle.CreateDelegate<RequestDelegate>(handler);
    }

    private static bool HasSignature(MethodInfo candidate, MethodDescriptor method)
    {
        var parameters = candidate.GetParameters().Select(parameter => parameter.ParameterType).ToArray();
        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        return method.IsServerStreaming
            ? candidate.ReturnType == typeof(Task)
                && parameters.SequenceEqual([request, typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext)])
            : candidate.ReturnType == typeof(Task<>).MakeGenericType(response)
                && parameters.SequenceEqual([request, typeof(ServerCallContext)]);
    }

    private static string ExpectedSignature(MethodDescriptor method) => method.IsServerStreaming
        ? $"'public Task {method.Name}({method.InputType.ClrType.Name} request, IServerStreamWriter<{method.OutputType.ClrType.Name}> responses, ServerCallContext context)'"
        : $"'public Task<{method.OutputType.ClrType.Name}> {method.Name}({method.InputType.ClrType.Name} request, ServerCallContext context)'";

    private static InvalidOperationException BindError(ServiceDescriptor service, Type implementation, string problem) =>
        new($"Cannot map {implementation.Name} to gRPC service '{service.FullName}': {problem}");
}
