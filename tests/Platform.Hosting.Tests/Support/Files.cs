namespace Platform.Hosting.Tests.Support;

internal static class Files
{
    /// <summary>The file's text once a child process has written it (waits up to 5 s for it to appear).</summary>
    public static async Task<string> WaitForAsync(string path)
    {
        for (var i = 0; i < 100 && !File.Exists(path); i++)
        {
            await Task.Delay(50);
        }
        await Task.Delay(100);
        return await File.ReadAllTextAsync(path);
    }
}
