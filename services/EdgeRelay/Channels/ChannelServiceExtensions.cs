using MassTransit;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Channels.Health;
using Platform.EdgeRelay.Channels.Storage;

// Like EdgeServiceExtensions: in Microsoft.Extensions.Hosting so that it needs no using.
namespace Microsoft.Extensions.Hosting;

internal static class ChannelServiceExtensions
{
    /// <summary>
    /// The channel table's store, the in-memory directory and its refresher, the health monitor (breakers, auto-disable,
    /// probe) and the retry budget. Needs relaydb, the outbox and a <see cref="TimeProvider"/>; options from <c>Edge:Channels</c>.
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddOptions<ChannelOptions>().BindConfiguration(ChannelOptions.Section)
            .Validate(options => options.BreakerFailures > 0 && options.DisableAfterFailures > 0,
                "Edge:Channels:BreakerFailures and Edge:Channels:DisableAfterFailures must be at least 1")
            .Validate(options => new[] { options.BreakerOpenFor, options.ProbeInterval, options.ProbeTimeout, options.ReloadInterval }.All(time => time > TimeSpan.Zero),
                "Edge:Channels:BreakerOpenFor, ProbeInterval, ProbeTimeout and ReloadInterval must be positive durations (e.g. 00:00:30)")
            .Validate(options => options.RetryRatio >= 0 && options.RetryBudgetCap >= 0,
                "Edge:Channels:RetryRatio and Edge:Channels:RetryBudgetCap cannot be negative")
            .ValidateOnStart();
        services.AddSingleton<ChannelKeyCipher>();
        services.AddSingleton<ChannelStore>();
        services.AddSingleton<ChannelHealth>();
        services.AddSingleton<RetryBudget>();
        services.AddSingleton<ChannelDirectory>();
        services.AddSingleton<ChannelCheck>();
        services.AddHostedService<ChannelDirectoryRefresher>();
        services.AddHostedService<ChannelAutoDisabler>();
        services.AddHostedService<ChannelProbe>();
        return services;
    }

    /// <summary>
    /// The <c>ChannelChanged</c> consumer on this replica's own temporary queue (each replica must hear every change).
    /// Returns <paramref name="bus"/> so it chains inside <c>AddPlatformMessaging</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddChannelsConsumer(this IBusRegistrationConfigurator bus)
    {
        var queue = $"edge-channels-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";
        bus.AddConsumer<ChannelChangedConsumer>().Endpoint(endpoint =>
        {
            endpoint.Name = queue;
            endpoint.Temporary = true;
        });
        return bus;
    }
}
