using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Platform.UpstreamSim.Control;

/// <summary>The configured keys and default directives, read once at start-up.</summary>
internal sealed class SimControl
{
    public const string HeaderName = "x-sim";

    private readonly FrozenSet<string> _keys;

    public SimControl(IOptions<SimOptions> options)
    {
        _keys = options.Value.Keys.Where(key => key.Length > 0).ToFrozenSet(StringComparer.Ordinal);
        Defaults = SimDirectiveParser.Parse(options.Value.Defaults, SimDirectives.None);
    }

    public SimDirectives Defaults { get; }

    public bool IsValidKey(string key) => key.Length > 0 && (_keys.Count == 0 || _keys.Contains(key));

    /// <summary>The request's directives, or null with <paramref name="error"/> when its header does not parse.</summary>
    public SimDirectives? Resolve(HttpRequest request, out string? error)
    {
        error = null;
        var header = request.Headers[HeaderName];
        if (header.Count == 0)
        {
            return Defaults;
        }
        try
        {
            return SimDirectiveParser.Parse(header.ToString(), Defaults);
        }
        catch (FormatException exception)
        {
            error = exception.Message;
            return null;
        }
    }
}
