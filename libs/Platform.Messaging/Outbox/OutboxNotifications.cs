using Npgsql;

namespace Platform.Messaging.Outbox;

/// <summary>A connection that LISTENs on the outbox channel, so the dispatcher wakes when a transaction commits an event.</summary>
internal sealed class OutboxNotifications(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    /// <summary>Listens if not yet listening. Call before looking for rows, so no commit after the look goes unnoticed.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return;
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var listen = new NpgsqlCommand($"LISTEN {OutboxWriter.Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
    }

    /// <summary>Returns when a notification arrives (or had arrived since the last wait) or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            await Task.Delay(timeout, cancellationToken);
            return;
        }

        await _connection.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Drops the connection after a failure; the next <see cref="ListenAsync"/> opens a new one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
