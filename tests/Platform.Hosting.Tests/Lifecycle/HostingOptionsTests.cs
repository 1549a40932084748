namespace Platform.Hosting.Tests.Lifecycle;

public sealed class HostingOptionsTests
{
    [Fact]
    public void Parse_ReadsVerbAndFlags()
    {
        var options = HostingOptions.Parse(["publish", "--fresh", "--port", "6000", "--only", "postgres, redis", "--no-ui"]);
        Assert.Equal("publish", options.Verb);
        Assert.True(options.Fresh);
        Assert.Equal(6000, options.PublicPort);
        Assert.Equal(new HashSet<string> { "postgres", "redis" }, options.Only);
        Assert.False(options.Interactive);
    }

    [Fact]
    public void Parse_AcceptsTheManifestRequestOfAzdAndAspirate()
    {
        var options = HostingOptions.Parse(["--publisher", "manifest", "--output-path", "/tmp/m.json"]);
        Assert.Equal("publish", options.Verb);
        Assert.Equal("/tmp/m.json", options.ManifestPath);
    }

    [Theory]
    [InlineData("--port", "0", "--port must be a number from 1 to 65535")]
    [InlineData("--port", "http", "--port must be a number from 1 to 65535")]
    [InlineData("--colour", "red", "Unknown argument '--colour'")]
    public void Parse_RejectsBadArgumentsWithUsage(string flag, string value, string message)
    {
        var error = Assert.Throws<HostingException>(() => HostingOptions.Parse([flag, value]));
        Assert.Contains(message, error.Message);
    }
}
