namespace Platform.Hosting.Runtime;

/// <summary>A program a resource needs, and the Debian package that provides it.</summary>
internal sealed record RequiredBinary(string Path, string Package)
{
    public void EnsureInstalled(string resource)
    {
        if (!File.Exists(Path))
        {
            throw new HostingException(
                $"{resource} needs {Path}, which is not installed. Install it with: sudo apt-get install -y {Package} " +
                "(./platform run and ./platform test install it for you when run as root or with sudo).");
        }
    }
}
