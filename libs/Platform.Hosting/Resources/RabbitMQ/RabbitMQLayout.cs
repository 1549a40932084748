using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.RabbitMQ;

/// <summary>
/// Directories, configuration and processes of a broker instance. The node runs as the rabbitmq user with
/// every file under its data directory, so two instances (a run and a test run) never share anything.
/// </summary>
internal static class RabbitMQLayout
{
    private const string User = "rabbitmq";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Prepare(RabbitMQResource broker, RunContext context)
    {
        var root = context.Paths.DataDirectory(broker.Name);
        SystemUsers.CreateOwnedDirectory(root, User, OwnerOnly);
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            SystemUsers.CreateOwnedDirectory(Path.Combine(root, folder), User, OwnerOnly);
        }
        var password = context.ParameterValue(broker.Password);
        SystemUsers.WriteOwnedFile(Path.Combine(root, "enabled_plugins"), "[].\n", User, OwnerReadWrite);
        SystemUsers.WriteOwnedFile(Path.Combine(root, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{context.Port(broker, "tcp")}
            loopback_users = none
            default_user = {RabbitMQResource.UserName}
            default_pass = {password}
            definitions.import_backend = local_filesystem
            definitions.local.path = {Path.Combine(root, "definitions.json")}
            log.console = true
            log.file = false
            log.connection.level = warning
            """ + "\n", User, OwnerReadWrite);
        // Imported at every boot, so a changed password applies to existing data too.
        SystemUsers.WriteOwnedFile(Path.Combine(root, "definitions.json"), Definitions(password), User, OwnerReadWrite);
    }

    public static IReadOnlyList<ProcessSpec> Processes(RabbitMQResource broker, RunContext context)
    {
        var root = context.Paths.DataDirectory(broker.Name);
        var log = context.Paths.LogFile(broker.Name);
        var epmdPort = context.Port(broker, "epmd");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(root, "home"),
            ["RUNNING_UNDER_SYSTEMD"] = "true", // makes the start script exec the VM instead of wrapping it
            ["ERL_EPMD_PORT"] = epmdPort.ToString(),
            ["RABBITMQ_NODENAME"] = NodeName(broker, root),
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = context.Port(broker, "tcp").ToString(),
            ["RABBITMQ_DIST_PORT"] = context.Port(broker, "dist").ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(root, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(root, "feature_flags"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
        return
        [
            new(context.Options.EpmdPath, ["-port", epmdPort.ToString(), "-address", "127.0.0.1"],
                new Dictionary<string, string>(), root, log, User, ListensOn: epmdPort),
            new(context.Options.RabbitMqServerPath, [], environment, root, log, User),
        ];
    }

    // Stable for a data directory (mnesia is kept per node name) and different between data directories.
    private static string NodeName(RabbitMQResource broker, string root) =>
        $"{broker.Name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..8]}@localhost";

    private static string Definitions(string password)
    {
        // rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)) with a 4-byte salt.
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        var definitions = new
        {
            users = new[]
            {
                new
                {
                    name = RabbitMQResource.UserName,
                    password_hash = Convert.ToBase64String([.. salt, .. hash]),
                    hashing_algorithm = "rabbit_password_hashing_sha256",
                    tags = new[] { "administrator" },
                },
            },
            vhosts = new[] { new { name = "/" } },
            permissions = new[]
            {
                new { user = RabbitMQResource.UserName, vhost = "/", configure = ".*", write = ".*", read = ".*" },
            },
        };
        return JsonSerializer.Serialize(definitions);
    }
}
