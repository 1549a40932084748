namespace Platform.Hosting.Runtime;

/// <summary>Finds the folder holding Platform.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>Walks up from the working directory, then from the running assembly's folder.</summary>
    /// <exception cref="HostingException">Neither is inside the repository.</exception>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new HostingException("Cannot find Platform.sln above the working directory; run the AppHost from inside the repository.");
    }
}
