using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;

namespace Microsoft.Extensions.Hosting;

internal static class UpstreamSimExtensions
{
    public static IHostApplicationBuilder AddUpstreamSimServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SimOptions>(builder.Configuration.GetSection(SimOptions.Section));
        builder.Services.AddSingleton<SimControl>();
        builder.Services.AddSingleton<RequestCounters>();
        return builder;
    }
}
