namespace Platform.Data.Migrations;

/// <summary>A row of a history table (<c>schema_migrations</c>).</summary>
internal sealed record AppliedMigration(int Version, string Name, string Checksum, DateTime AppliedAt);
