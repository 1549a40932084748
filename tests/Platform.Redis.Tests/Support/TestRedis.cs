namespace Platform.Redis.Tests.Support;

/// <summary>Clients and key names for tests that share one redis-server.</summary>
internal static class TestRedis
{
    /// <summary>Blocks the server for ARGV[1] milliseconds, then returns 'slow': a call that is guaranteed to be late.</summary>
    public const string SlowScript = """
        local start = redis.call('TIME')
        local now = start
        while (now[1] - start[1]) * 1000000 + (now[2] - start[2]) < tonumber(ARGV[1]) * 1000 do
            now = redis.call('TIME')
        end
        return 'slow'
        """;

    public static RedisClient Connect(string connectionString, Action<RedisOptions>? configure = null)
    {
        var options = RedisOptions.Parse(connectionString);
        configure?.Invoke(options);
        return new RedisClient(options);
    }

    /// <summary>A key no other test uses.</summary>
    public static string Key(string name) => $"tests:{Guid.NewGuid():N}:{name}";

    /// <summary>A loopback port nothing listens on.</summary>
    public static int UnusedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
