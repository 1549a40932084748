using System.Text.RegularExpressions;

namespace Platform.Hosting.Model;

internal static partial class ResourceName
{
    // Names end up in environment variable names, node names and file names: keep them plain.
    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex Pattern();

    public static string Validate(string name) =>
        Pattern().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"Resource name '{name}' is invalid: use lower-case letters, digits and '-', starting with a letter.", nameof(name));
}
