namespace Platform.UpstreamSim.Tests.Support;

/// <summary>Reads server-sent events as they arrive, per the WHATWG event-stream format (the subset providers use).</summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body);
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    yield return new SseEvent(name, string.Join('\n', data));
                }
                (name, data) = (null, []);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line[5..].TrimStart());
            }
        }
    }

    public static async Task<List<SseEvent>> ReadAllAsync(HttpResponseMessage response)
    {
        var events = new List<SseEvent>();
        await foreach (var e in ReadAsync(await response.Content.ReadAsStreamAsync()))
        {
            events.Add(e);
        }
        return events;
    }
}
