namespace Platform.Data.Migrations;

/// <param name="Version">The number in the file name (<c>0003</c> is 3).</param>
/// <param name="Name">The file name without number and extension (<c>add_holds</c>).</param>
/// <param name="FileName">For messages: <c>0003_add_holds.sql</c>.</param>
/// <param name="Sql">The script, run in one transaction.</param>
/// <param name="Checksum">SHA-256 of the script (hex) with line endings normalised to LF.</param>
internal sealed record Migration(int Version, string Name, string FileName, string Sql, string Checksum);
