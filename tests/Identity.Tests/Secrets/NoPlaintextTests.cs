using System.Text;
using Dapper;
using Npgsql;
using Platform.Contracts.Identity.V1;
using Platform.Identity.Tests.Support;
using Platform.Testing;

namespace Platform.Identity.Tests.Secrets;

/// <summary>Secrets are shown once: afterwards neither the database nor any log holds them.</summary>
[Collection(IdentityCollection.Name)]
public sealed class NoPlaintextTests(IdentityProcess identity)
{
    [Fact]
    public async Task Secrets_AppearNeitherInTheDatabaseNorInTheLogs()
    {
        var user = await identity.NewUserAsync();
        var userId = user.User.UserId;
        var key = await identity.NewKeyAsync(userId, request => request.AllowedIps.Add("203.0.113.0/24"));
        await identity.AuthenticateAsync(key.Secret, "203.0.113.1");
        await identity.AuthenticateAsync(key.Secret, "198.51.100.1");
        await identity.AuthenticateAsync(user.ManagementToken);
        await identity.Keys.CallAsync<ListKeysRequest, ListKeysReply>("ListKeys", new ListKeysRequest { UserId = userId });
        await identity.Users.CallAsync<GetManagementTokenRequest, ManagementToken>("GetManagementToken", new GetManagementTokenRequest { UserId = userId });
        var rotated = await identity.Users.CallAsync<RotateManagementTokenRequest, RotateManagementTokenReply>(
            "RotateManagementToken", new RotateManagementTokenRequest { UserId = userId });
        await identity.AuthenticateAsync(rotated.ManagementToken);
        await identity.Keys.CallAsync<DeleteKeyRequest, DeleteKeyReply>("DeleteKey", new DeleteKeyRequest { UserId = userId, KeyId = key.Key.KeyId });
        await identity.AuthenticateAsync(key.Secret);
        var secrets = new[] { key.Secret, user.ManagementToken, rotated.ManagementToken };
        // The secret, its random body without prefix and checksum, and both as the hex that bytea and escaped text show.
        var needles = secrets.SelectMany(secret => new[] { secret, secret[3..^6] })
            .SelectMany(text => new[] { text, Convert.ToHexStringLower(Encoding.ASCII.GetBytes(text)) })
            .ToArray();

        var rows = await DumpDatabaseAsync();
        // Wait until the service has logged this revocation, so the log covers everything done above.
        var logs = "";
        await Eventually.HoldsAsync(() =>
        {
            logs = string.Join('\n', identity.LogFiles.Select(ReadShared));
            return Task.FromResult(logs.Contains($"Revoked key {key.Key.KeyId}", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(30), "the revocation is in the identity log");

        Assert.Contains(rows, row => row.Contains(key.Key.KeyId, StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains(key.Key.DisplayPrefix, StringComparison.Ordinal));
        foreach (var needle in needles)
        {
            Assert.DoesNotContain(rows, row => row.Contains(needle, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(needle, logs, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var hash in secrets.Select(secret => Convert.ToHexStringLower(Identity.Secrets.SecretHash.Of(secret))))
        {
            Assert.DoesNotContain(hash, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Every row of every table of identitydb as text (bytea columns in hex), and every bytea value decoded as ASCII.</summary>
    private async Task<List<string>> DumpDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(identity.Database);
        var tables = (await connection.QueryAsync<string>(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")).AsList();
        Assert.Contains("public.api_keys", tables);
        var rows = new List<string>();
        foreach (var table in tables)
        {
            rows.AddRange(await connection.QueryAsync<string>($"SELECT t::text FROM {table} t"));
        }
        var byteaColumns = await connection.QueryAsync<(string Table, string Column)>(
            """
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name), quote_ident(column_name)
            FROM information_schema.columns WHERE data_type = 'bytea' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """);
        foreach (var (table, column) in byteaColumns)
        {
            rows.AddRange((await connection.QueryAsync<byte[]?>($"SELECT {column} FROM {table}")).OfType<byte[]>().Select(Encoding.Latin1.GetString));
        }
        return rows;
    }

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
