using Microsoft.Extensions.Logging;

namespace Platform.Data.Migrations;

internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied migration {File} (recorded in {Table}) in {ElapsedMs:F0} ms")]
    public static partial void Applied(ILogger logger, string file, string table, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Table}: all {Count} migrations already applied")]
    public static partial void UpToDate(ILogger logger, string table, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Table} records migrations {Versions} that this build does not have; a newer build applied them")]
    public static partial void NewerMigrationsApplied(ILogger logger, string table, string versions);
}
