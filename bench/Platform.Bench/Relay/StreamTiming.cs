using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>Reads one SSE answer and notes when each <c>data:</c> event arrived, as Stopwatch timestamps.</summary>
internal static class StreamTiming
{
    /// <summary>Event arrival times (the last is <c>[DONE]</c>); null when the call failed.</summary>
    public static async Task<List<long>?> ReadAsync(HttpClient client, string sim, Action? onFirstEvent = null)
    {
        try
        {
            using var response = await ChatCall.SendAsync(client, stream: true, sim);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var arrivals = new List<long>(128);
            var done = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }
                arrivals.Add(Stopwatch.GetTimestamp());
                if (arrivals.Count == 1)
                {
                    onFirstEvent?.Invoke();
                }
                done = line.AsSpan(5).Trim().SequenceEqual("[DONE]");
            }
            return done ? arrivals : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
