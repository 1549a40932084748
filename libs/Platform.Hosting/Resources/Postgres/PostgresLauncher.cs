using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Postgres;

/// <summary>initdb on first use, the server process, and the bootstrap that keeps password and databases in step.</summary>
internal sealed class PostgresLauncher
{
    private const string User = "postgres";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private volatile bool _bootstrapped;

    public async Task PrepareAsync(PostgresServerResource server, RunContext context, CancellationToken cancellationToken)
    {
        _bootstrapped = false;
        var root = context.Paths.DataDirectory(server.Name);
        SystemUsers.CreateOwnedDirectory(root, User, OwnerOnly);
        SystemUsers.CreateOwnedDirectory(SocketDirectory(context, server), User, OwnerOnly);
        var pgdata = DataDirectory(context, server);
        if (!File.Exists(Path.Combine(pgdata, "PG_VERSION")))
        {
            await InitDbAsync(server, context, pgdata, cancellationToken);
        }
        // Password auth over TCP; the socket (in a directory only postgres can enter) is for the bootstrap.
        SystemUsers.WriteOwnedFile(Path.Combine(pgdata, "pg_hba.conf"),
            "local all postgres trust\nhost all all 127.0.0.1/32 scram-sha-256\n", User, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public ProcessSpec ServerProcess(PostgresServerResource server, RunContext context)
    {
        List<string> arguments =
        [
            "-D", DataDirectory(context, server),
            "-p", context.Port(server, "tcp").ToString(),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={SocketDirectory(context, server)}",
            "-c", "max_connections=500",
            "-c", "logging_collector=off",
        ];
        if (context.Options.EphemeralStorage)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        return new ProcessSpec(Path.Combine(context.Options.PostgresBinDirectory, "postgres"), arguments,
            new Dictionary<string, string>(), context.Paths.DataDirectory(server.Name), context.Paths.LogFile(server.Name), User,
            StopSignal: ProcessSignals.SigInt);
    }

    public async Task<string?> ProbeAsync(PostgresServerResource server, RunContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (!_bootstrapped)
            {
                await BootstrapAsync(server, context, cancellationToken);
                _bootstrapped = true;
            }
            var builder = new NpgsqlConnectionStringBuilder(server.GetConnectionString(context))
            {
                Pooling = false,
                Timeout = 3,
                Database = "postgres",
            };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int?)await command.ExecuteScalarAsync(cancellationToken) == 1 ? null : "SELECT 1 did not return 1";
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    // Runs on every start: a password given as Parameters__postgres-password, or databases added to the AppHost, take
    // effect without wiping data.
    private static async Task BootstrapAsync(PostgresServerResource server, RunContext context, CancellationToken cancellationToken)
    {
        var socket = new NpgsqlConnectionStringBuilder
        {
            Host = SocketDirectory(context, server),
            Port = context.Port(server, "tcp"),
            Username = User,
            Database = "postgres",
            Pooling = false,
            Timeout = 3,
        };
        await using var connection = new NpgsqlConnection(socket.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var password = context.ParameterValue(server.Password).Replace("'", "''");
        await using (var alter = new NpgsqlCommand($"ALTER ROLE postgres WITH PASSWORD '{password}'", connection))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var database in server.Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database.Name });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task InitDbAsync(PostgresServerResource server, RunContext context, string pgdata, CancellationToken cancellationToken)
    {
        var root = context.Paths.DataDirectory(server.Name);
        var passwordFile = Path.Combine(root, ".initdb-password");
        SystemUsers.WriteOwnedFile(passwordFile, context.ParameterValue(server.Password), User, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var initdb = new ProcessSpec(Path.Combine(context.Options.PostgresBinDirectory, "initdb"),
                ["-D", pgdata, "-U", User, $"--pwfile={passwordFile}", "--auth-local=trust", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--locale=C", "--no-sync"],
                new Dictionary<string, string>(), root, context.Paths.LogFile(server.Name), User);
            await OneShotProcess.RunAsync(initdb, $"initdb for {server}", cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static string DataDirectory(RunContext context, PostgresServerResource server) =>
        Path.Combine(context.Paths.DataDirectory(server.Name), "pgdata");

    // Unix socket paths are limited to 107 bytes, so the socket lives under /tmp, keyed by the data directory.
    private static string SocketDirectory(RunContext context, PostgresServerResource server)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.Paths.DataDirectory(server.Name))))[..12];
        return Path.Combine("/tmp", $"platform-pg-{key}");
    }
}
