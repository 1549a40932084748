namespace Platform.Hosting.Tests.Support;

/// <summary>A state directory of a test's own, removed afterwards.</summary>
internal sealed class TempStateDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
