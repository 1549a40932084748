using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Logging;

/// <summary>
/// The framework's per-request lines (request starting/finished, endpoint executing/executed, each HttpClient
/// handler's start/end, Npgsql's per-command lines) are four to eight log records per relayed call; at Information they cost the hot path more CPU
/// than the relaying itself. They default to Warning here, below every other configuration source, so
/// <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c> (or appsettings) still turns them back on.
/// </summary>
internal static class FrameworkLogLevels
{
    public static void QuietPerRequestLogs(this IHostApplicationBuilder builder) =>
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:Npgsql"] = "Warning", // a line per command and per pooled connection
            },
        });
}
