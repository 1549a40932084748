using System.Security.Cryptography;
using System.Text.Json;
using Platform.Hosting.Model;

namespace Platform.Hosting.Runtime;

/// <summary>
/// Parameter values: <c>Parameters__&lt;name&gt;</c> from the environment wins, then <c>secrets.json</c>,
/// else a generated value that is saved for the next run.
/// </summary>
internal sealed class SecretStore
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly string _file;
    private readonly Dictionary<string, string> _saved;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public SecretStore(string file)
    {
        _file = file;
        _saved = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? []
            : [];
    }

    public string Get(ParameterResource parameter)
    {
        lock (_values)
        {
            if (_values.TryGetValue(parameter.Name, out var value))
            {
                return value;
            }
            value = FromEnvironment(parameter.Name) ?? Saved(parameter);
            _values[parameter.Name] = value;
            return value;
        }
    }

    private static string? FromEnvironment(string name) =>
        Environment.GetEnvironmentVariable($"Parameters__{name}") is { Length: > 0 } dashed ? dashed
        : Environment.GetEnvironmentVariable($"Parameters__{name.Replace('-', '_')}") is { Length: > 0 } underscored ? underscored
        : null;

    private string Saved(ParameterResource parameter)
    {
        if (_saved.TryGetValue(parameter.Name, out var existing))
        {
            return existing;
        }
        var generated = RandomNumberGenerator.GetString(Alphabet, parameter.GeneratedLength);
        _saved[parameter.Name] = generated;
        Write();
        return generated;
    }

    private void Write()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temp = _file + ".tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, _saved, new JsonSerializerOptions { WriteIndented = true });
        }
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, _file, overwrite: true);
    }
}
