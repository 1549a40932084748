using System.Globalization;

namespace Platform.UpstreamSim.Control;

/// <summary>
/// Parses <c>ttft=200ms; tps=50; tokens=300; fail=429; fail-after=5-chunks; hang; disconnect-after=3-chunks</c>.
/// Unknown or malformed directives are errors: a typo silently ignored would make a test pass for the wrong reason.
/// </summary>
internal static class SimDirectiveParser
{
    public static SimDirectives Parse(string? text, SimDirectives baseline)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return baseline;
        }
        var result = baseline;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            var name = (equals < 0 ? part : part[..equals]).Trim().ToLowerInvariant();
            var value = equals < 0 ? null : part[(equals + 1)..].Trim();
            result = name switch
            {
                "ttft" => result with { TimeToFirstToken = Duration(name, value) },
                "tps" => result with { TokensPerSecond = Number(name, value) },
                "tokens" => result with { Tokens = Count(name, value) },
                "fail" => result with { FailStatus = Status(name, value) },
                "fail-after" => result with { FailAfterChunks = Chunks(name, value), FailStatus = result.FailStatus ?? 500 },
                "hang" => result with { Hang = value is null ? Timeout.InfiniteTimeSpan : Duration(name, value) },
                "hang-after" => result with { HangAfterChunks = Chunks(name, value) },
                "disconnect" => result with { Disconnect = true },
                "disconnect-after" => result with { DisconnectAfterChunks = Chunks(name, value) },
                "retry-after" => result with { RetryAfter = Duration(name, value) },
                "zero-latency" => result with { TimeToFirstToken = TimeSpan.Zero, TokensPerSecond = 0 },
                "tag" => result with { Tag = Required(name, value) },
                "seed" => result with { Seed = (long)Number(name, value) },
                _ => throw new FormatException($"unknown x-sim directive '{name}'; see services/UpstreamSim/README.md"),
            };
        }
        return result;
    }

    private static string Required(string name, string? value) =>
        string.IsNullOrEmpty(value) ? throw new FormatException($"x-sim directive '{name}' needs a value ({name}=...)") : value;

    private static double Number(string name, string? value) =>
        double.TryParse(Required(name, value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new FormatException($"x-sim directive '{name}' needs a non-negative number, not '{value}'");

    private static int Count(string name, string? value) =>
        int.TryParse(Required(name, value), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"x-sim directive '{name}' needs a whole number, not '{value}'");

    private static int Chunks(string name, string? value)
    {
        var text = Required(name, value);
        return Count(name, text.EndsWith("-chunks", StringComparison.OrdinalIgnoreCase) ? text[..^7] : text);
    }

    private static int Status(string name, string? value) =>
        Count(name, value) is var status and >= 400 and <= 599
            ? status
            : throw new FormatException($"x-sim directive '{name}' needs an HTTP error status 400-599, not '{value}'");

    private static TimeSpan Duration(string name, string? value)
    {
        var text = Required(name, value);
        var (digits, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 1.0),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1000.0),
            _ => (text, 1.0),
        };
        return TimeSpan.FromMilliseconds(Number(name, digits) * scale);
    }
}
