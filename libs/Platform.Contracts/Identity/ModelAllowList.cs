using System.Collections.Frozen;

namespace Platform.Contracts.Identity;

/// <summary>
/// Which models an API key may call. An admin key may call every model (since 24-0315); a key whose
/// <c>check_models</c> flag is off may call every model (the default for keys created since 24-1111); otherwise the
/// model must equal one of the key's patterns or start with the part before the <c>*</c> of a <c>prefix*</c> pattern.
/// Names compare case-sensitively. Shared by identity (which validates patterns) and the edge (which checks every call).
/// </summary>
public sealed class ModelAllowList
{
    /// <summary>The longest pattern accepted.</summary>
    public const int MaxPatternLength = 128;

    private readonly FrozenSet<string> _exact;
    private readonly string[] _prefixes;
    private readonly bool _unrestricted;

    /// <summary>The rules of one key.</summary>
    /// <param name="patterns">Exact names and <c>prefix*</c> patterns (see <see cref="IsValidPattern"/>).</param>
    /// <param name="checkModels">The key's <c>check_models</c> flag: without it every model is allowed.</param>
    /// <param name="admin">The key's <c>admin</c> flag: with it every model is allowed.</param>
    public ModelAllowList(IEnumerable<string> patterns, bool checkModels, bool admin)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var all = patterns.ToArray();
        _exact = all.Where(pattern => !pattern.EndsWith('*')).ToFrozenSet(StringComparer.Ordinal);
        _prefixes = all.Where(pattern => pattern.EndsWith('*')).Select(pattern => pattern[..^1]).Distinct(StringComparer.Ordinal).ToArray();
        _unrestricted = admin || !checkModels;
    }

    /// <summary>Whether a call to <paramref name="model"/> is allowed.</summary>
    public bool Allows(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_unrestricted || _exact.Contains(model))
        {
            return true;
        }
        foreach (var prefix in _prefixes)
        {
            if (model.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="pattern"/> is an exact name or a <c>prefix*</c> pattern: 1 to <see cref="MaxPatternLength"/>
    /// characters from <c>[A-Za-z0-9._:/@-]</c>, plus at most one <c>*</c>, only at the end (a lone <c>*</c> allows every model).
    /// </summary>
    public static bool IsValidPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length is 0 or > MaxPatternLength)
        {
            return false;
        }
        var name = pattern.EndsWith('*') ? pattern.AsSpan(0, pattern.Length - 1) : pattern.AsSpan();
        foreach (var c in name)
        {
            if (!IsNameCharacter(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNameCharacter(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or ':' or '/' or '@' or '-';
}
