using System.Globalization;

namespace Platform.Redis;

/// <summary>
/// Where and how <see cref="RedisClient"/> connects. <see cref="Parse"/> reads the StackExchange.Redis style
/// connection string the AppHost injects: <c>host:port[,password=...][,user=...][,defaultDatabase=N]
/// [,connectTimeout=ms][,syncTimeout=ms][,asyncTimeout=ms][,name=...]</c>.
/// </summary>
public sealed class RedisOptions
{
    /// <summary>The default Redis port.</summary>
    public const int DefaultPort = 6379;

    /// <summary>Host name or IP address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>ACL user; null means the default user.</summary>
    public string? User { get; set; }

    /// <summary>Password sent with AUTH on every (re)connect; null sends no AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>Database selected on every (re)connect.</summary>
    public int Database { get; set; }

    /// <summary>Client name (CLIENT SETNAME), shown by CLIENT LIST.</summary>
    public string? ClientName { get; set; }

    /// <summary>How long connecting (TCP connect plus AUTH/SELECT) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a command may wait for its reply; <see cref="RedisClient.WithTimeout"/> overrides it per call site.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of the growing delay between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Capacity of each subscription's message buffer; when a reader falls behind the oldest messages are dropped.</summary>
    public int SubscriptionBufferCapacity { get; set; } = 1024;

    /// <summary><c>host:port</c>, for messages (never includes the password).</summary>
    public string EndPoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses a connection string such as <c>127.0.0.1:6379,password=secret,defaultDatabase=1</c>.</summary>
    /// <exception cref="FormatException">The string is empty, has more than one endpoint, or an unknown or malformed option.</exception>
    public static RedisOptions Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var options = new RedisOptions();
        var endpoints = 0;
        foreach (var part in connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                if (++endpoints > 1)
                {
                    throw new FormatException($"The Redis connection string has more than one endpoint ('{part}'); this client connects to exactly one.");
                }
                (options.Host, options.Port) = ParseEndPoint(part);
                continue;
            }
            options.Apply(part[..equals].Trim(), part[(equals + 1)..].Trim());
        }
        return endpoints == 1 ? options : throw new FormatException("The Redis connection string names no endpoint; expected 'host:port[,password=...]'.");
    }

    /// <inheritdoc />
    public override string ToString() => EndPoint;

    private void Apply(string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "password": Password = value; break;
            case "user": User = value; break;
            case "name": ClientName = value; break;
            case "defaultdatabase": Database = ParseInt(key, value); break;
            case "connecttimeout": ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value)); break;
            case "synctimeout" or "asynctimeout": CommandTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value)); break;
            // StackExchange.Redis options that describe what this client does anyway: it never gives up connecting.
            case "abortconnect" or "allowadmin" or "resolvedns": break;
            case "ssl" when !bool.TryParse(value, out var ssl) || ssl:
                throw new FormatException("The Redis connection string asks for TLS (ssl=true), which this client does not support.");
            case "ssl": break;
            default:
                throw new FormatException(
                    $"Unknown option '{key}' in the Redis connection string; supported: password, user, defaultDatabase, connectTimeout, syncTimeout, asyncTimeout, name.");
        }
    }

    private static (string Host, int Port) ParseEndPoint(string endpoint)
    {
        // "[::1]:6379", "host:6379", "host" (default port).
        var closing = endpoint.StartsWith('[') ? endpoint.IndexOf(']') : -1;
        var colon = endpoint.LastIndexOf(':');
        if (closing > 0)
        {
            var host = endpoint[1..closing];
            return colon > closing ? (host, ParsePort(endpoint, endpoint[(colon + 1)..])) : (host, DefaultPort);
        }
        if (colon < 0)
        {
            return (endpoint, DefaultPort);
        }
        return colon > 0 ? (endpoint[..colon], ParsePort(endpoint, endpoint[(colon + 1)..]))
            : throw new FormatException($"The Redis endpoint '{endpoint}' has no host.");
    }

    private static int ParsePort(string endpoint, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
            ? value
            : throw new FormatException($"The Redis endpoint '{endpoint}' has an invalid port; expected 1-65535.");

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"The Redis connection string option '{key}' must be a non-negative whole number, not '{value}'.");
}
