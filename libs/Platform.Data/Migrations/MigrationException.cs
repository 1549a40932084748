namespace Platform.Data.Migrations;

/// <summary>
/// Migrations were refused (a gap or duplicate number, a misnamed file, an applied file that changed) or one failed
/// and was rolled back. The message names the file and says what to do; the service must not start.
/// </summary>
public sealed class MigrationException(string message, Exception? innerException = null) : Exception(message, innerException);
