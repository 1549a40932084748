namespace Platform.Hosting;

/// <summary>How the AppHost runs; parsed from its command line by <see cref="HostingOptions.Parse"/>.</summary>
public sealed class HostingOptions
{
    /// <summary><c>run</c> (default) or <c>publish</c>.</summary>
    public string Verb { get; set; } = "run";

    /// <summary>State directory; defaults to <c>.platform/</c> at the repository root.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Repository root (the folder holding Platform.sln); found from the working directory when unset.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Wipe the state directory (data, logs, secrets) before starting.</summary>
    public bool Fresh { get; set; }

    /// <summary>The public port of the platform's external endpoint (the edge relay).</summary>
    public int PublicPort { get; set; } = 5080;

    /// <summary>Start only these resources (and what they depend on); empty means all.</summary>
    public IReadOnlySet<string> Only { get; set; } = new HashSet<string>();

    /// <summary>Show the live resource table (defaults to on when the console is a terminal).</summary>
    public bool Interactive { get; set; } = !System.Console.IsOutputRedirected;

    /// <summary>Where <c>publish</c> writes the manifest; defaults to <c>aspire-manifest.json</c> at the repository root.</summary>
    public string? ManifestPath { get; set; }

    /// <summary>OTLP endpoint handed to every service; defaults to the AppHost's own OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string? OtlpEndpoint { get; set; } = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");

    /// <summary>OTLP protocol (<c>grpc</c> or <c>http/protobuf</c>) handed to every service with the endpoint.</summary>
    public string? OtlpProtocol { get; set; } = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL");

    /// <summary>How long a resource may take to become healthy.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Which build of the projects to run: Debug (what <c>dotnet run --project AppHost</c> builds) or Release (benchmarks).</summary>
    public string BuildConfiguration { get; set; } = "Debug";

    /// <summary>Trade durability for speed (Postgres without fsync): for test runs only.</summary>
    public bool EphemeralStorage { get; set; }

    /// <summary>Directory holding <c>postgres</c> and <c>initdb</c>.</summary>
    public string PostgresBinDirectory { get; set; } = DefaultPostgresBinDirectory();

    /// <summary>The redis-server binary.</summary>
    public string RedisServerPath { get; set; } = "/usr/bin/redis-server";

    /// <summary>RabbitMQ's start script (the one that execs the Erlang VM).</summary>
    public string RabbitMqServerPath { get; set; } = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>Erlang's port mapper daemon.</summary>
    public string EpmdPath { get; set; } = "/usr/bin/epmd";

    /// <summary>Parses AppHost arguments: <c>[run|publish] [--fresh] [--port N] [--state-dir DIR] [--only a,b] [--no-ui] [--ephemeral] [--output-path FILE]</c>.</summary>
    /// <exception cref="HostingException">An argument is unknown or malformed.</exception>
    public static HostingOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HostingOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new HostingException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "run" or "publish" when i == 0: options.Verb = args[i]; break;
                case "--fresh": options.Fresh = true; break;
                case "--no-ui": options.Interactive = false; break;
                case "--ephemeral": options.EphemeralStorage = true; break;
                case "--port": options.PublicPort = ParsePort(Value()); break;
                case "--state-dir": options.StateDirectory = Value(); break;
                case "--output-path": options.ManifestPath = Value(); break;
                // How azd and aspirate ask an Aspire AppHost for its manifest.
                case "--publisher": options.Verb = Value() == "manifest" ? "publish" : throw new HostingException("Only '--publisher manifest' is supported."); break;
                case "--only": options.Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(); break;
                default: throw new HostingException($"Unknown argument '{args[i]}'. {Usage}");
            }
        }
        return options;
    }

    private const string Usage =
        "Usage: AppHost [run|publish] [--fresh] [--port N] [--state-dir DIR] [--only a,b] [--no-ui] [--ephemeral] [--output-path FILE]";

    private static int ParsePort(string value) =>
        int.TryParse(value, out var port) && port is > 0 and < 65536
            ? port
            : throw new HostingException($"--port must be a number from 1 to 65535, not '{value}'.");

    private static string DefaultPostgresBinDirectory()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .OrderByDescending(entry => entry.Version)
                .Select(entry => Path.Combine(entry.Dir, "bin"))
                .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "postgres")))
            : null;
        return installed ?? "/usr/lib/postgresql/15/bin";
    }
}
