using Microsoft.Extensions.DependencyInjection;

namespace Platform.Grpc.Server;

/// <summary>
/// Gets the service instance for a call: the registered one if the application registered the
/// type, otherwise a new instance per call built by a factory compiled once.
/// </summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly ObjectFactory<TService> _factory = ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes);

    public TService Create(IServiceProvider services, out bool owned)
    {
        var registered = services.GetService<TService>();
        owned = registered is null;
        return registered ?? _factory(services, null);
    }

    public static ValueTask ReleaseAsync(TService service)
    {
        switch (service)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }
}
