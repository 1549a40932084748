using Platform.Data.Migrations;

namespace Platform.Messaging;

internal static class MessagingMigrations
{
    // A history table of its own: the library's numbering never collides with the service's schema_migrations.
    public const string HistoryTable = "messaging_schema_migrations";

    public static MigrationSet Set { get; } = MigrationSet.FromAssembly(typeof(MessagingMigrations).Assembly, HistoryTable);
}
