using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Platform.Hosting.Tests.Support;
using Platform.Testing;
using RabbitMQ.Client;

namespace Platform.Hosting.Tests.Infrastructure;

public sealed class SharedServersTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Postgres_AnswersQueriesThroughItsConnectionString()
    {
        var database = await infrastructure.CreateDatabaseAsync("hosting");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("CREATE TABLE t (v int); INSERT INTO t VALUES (41), (1); SELECT sum(v) FROM t", connection);
        Assert.Equal(42L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Postgres_RefusesAWrongPassword()
    {
        var wrong = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Password = "not-the-password", Pooling = false };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
        Assert.Equal("28P01", error.SqlState);
    }

    [Fact]
    public async Task Redis_AnswersPingOnlyAfterAuth()
    {
        var (port, password) = ParseRedis(infrastructure.RedisConnectionString);
        Assert.Equal(["+OK", "+PONG"], await RespAsync(port, $"*2\r\n$4\r\nAUTH\r\n${password.Length}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n", 2));
        var unauthenticated = await RespAsync(port, "*1\r\n$4\r\nPING\r\n", 1);
        Assert.StartsWith("-NOAUTH", unauthenticated[0]);
    }

    [Fact]
    public async Task RabbitMq_DeliversWhatIsPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: ct);
        var body = Encoding.UTF8.GetBytes($"hello {Guid.NewGuid()}");
        await channel.BasicPublishAsync("", queue.QueueName, body, ct);
        BasicGetResult? got = null;
        for (var i = 0; i < 50 && got is null; i++)
        {
            got = await channel.BasicGetAsync(queue.QueueName, autoAck: true, ct);
            if (got is null)
            {
                await Task.Delay(20, ct);
            }
        }
        Assert.NotNull(got);
        Assert.Equal(body, got.Body.ToArray());
    }

    [Fact]
    public void EveryServer_ListensOnLoopbackOnly()
    {
        var pids = infrastructure.App.Snapshot().Count > 0
            ? infrastructure.App.Snapshot().SelectMany(r => r.Instances).SelectMany(i => i.Processes).Select(p => p.Pid)
            : State.StateFile.Read(infrastructure.App.Paths.StateFile)!.Resources.SelectMany(r => r.Instances).SelectMany(i => i.Processes).Select(p => p.Pid);
        var listening = pids.SelectMany(ListeningSockets.Of).ToList();
        Assert.NotEmpty(listening);
        Assert.All(listening, endpoint => Assert.True(IPAddress.IsLoopback(endpoint.Address), $"{endpoint} is not a loopback address"));
    }

    private static (int Port, string Password) ParseRedis(string connectionString)
    {
        var parts = connectionString.Split(',');
        return (int.Parse(parts[0].Split(':')[1]), parts.Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..]);
    }

    private static async Task<string[]> RespAsync(int port, string request, int replies)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream);
        var lines = new string[replies];
        for (var i = 0; i < replies; i++)
        {
            lines[i] = await reader.ReadLineAsync() ?? "";
        }
        return lines;
    }
}
