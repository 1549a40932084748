using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Hosting.State;

/// <summary>Reads and atomically rewrites state.json.</summary>
public static class StateFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lock Gate = new();

    /// <summary>The document at <paramref name="path"/>, or null when there is none or it is unreadable.</summary>
    public static StateDocument? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<StateDocument>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static void Write(string path, StateDocument document)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(document, Json));
            File.Move(temp, path, overwrite: true);
        }
    }
}
