using Platform.Data.Migrations;

namespace Platform.Data.Tests.Migrations;

public sealed class MigrationSetTests
{
    [Fact]
    public void FromAssembly_FindsTheEmbeddedMigrationsInNumberOrder()
    {
        var set = MigrationSet.FromAssembly(typeof(MigrationSetTests).Assembly);

        Assert.Equal("schema_migrations", set.HistoryTable);
        Assert.Equal([(1, "create_accounts"), (2, "add_balance"), (3, "seed_platform_account")], set.Migrations.Select(m => (m.Version, m.Name)));
        Assert.All(set.Migrations, m => Assert.Matches("^[0-9a-f]{64}$", m.Checksum));
    }

    [Fact]
    public void FromScripts_RefusesAGap()
    {
        var error = Assert.Throws<MigrationException>(() => MigrationSet.FromScripts([("0001_a.sql", ""), ("0003_c.sql", "")]));

        Assert.Equal("migration 0002 is missing: 0001_a.sql is followed by 0003_c.sql; number the files consecutively", error.Message);
    }

    [Fact]
    public void FromScripts_RefusesNumbersNotStartingAtOne()
    {
        var error = Assert.Throws<MigrationException>(() => MigrationSet.FromScripts([("0002_b.sql", "")]));

        Assert.Equal("migration 0001 is missing: the numbers must start at 0001; number the files consecutively", error.Message);
    }

    [Fact]
    public void FromScripts_RefusesADuplicateNumber()
    {
        var error = Assert.Throws<MigrationException>(() => MigrationSet.FromScripts([("0001_a.sql", ""), ("0002_b.sql", ""), ("0002_other.sql", "")]));

        Assert.Contains("0002_b.sql", error.Message);
        Assert.Contains("0002_other.sql", error.Message);
        Assert.Contains("share number 0002", error.Message);
    }

    [Theory]
    [InlineData("1_init.sql")]
    [InlineData("0001-init.sql")]
    [InlineData("0001_init.sql.bak.sql")]
    [InlineData("Old.0001_init.sql")]
    public void FromScripts_RefusesAMisnamedFile(string fileName)
    {
        var error = Assert.Throws<MigrationException>(() => MigrationSet.FromScripts([(fileName, "")]));

        Assert.Equal($"migration file '{fileName}' is not named NNNN_name.sql (for example 0001_create_accounts.sql)", error.Message);
    }

    [Fact]
    public void FromScripts_RefusesAHistoryTableThatIsNotAPlainIdentifier()
    {
        Assert.Throws<ArgumentException>(() => MigrationSet.FromScripts([], historyTable: "x; DROP TABLE y"));
    }
}
