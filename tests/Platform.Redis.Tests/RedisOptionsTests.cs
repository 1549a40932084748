namespace Platform.Redis.Tests;

public sealed class RedisOptionsTests
{
    [Fact]
    public void Parse_ReadsTheAppHostFormat()
    {
        var options = RedisOptions.Parse("127.0.0.1:6380,password=s3cr=t");

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("s3cr=t", options.Password);
        Assert.Null(options.User);
        Assert.Equal(0, options.Database);
    }

    [Fact]
    public void Parse_ReadsTheOptionalSettings()
    {
        var options = RedisOptions.Parse(
            "cache.internal:7000, user=relay ,password=pw,defaultDatabase=2,connectTimeout=250,syncTimeout=100,name=edge,abortConnect=false,ssl=false");

        Assert.Equal("cache.internal", options.Host);
        Assert.Equal(7000, options.Port);
        Assert.Equal("relay", options.User);
        Assert.Equal("pw", options.Password);
        Assert.Equal(2, options.Database);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.CommandTimeout);
        Assert.Equal("edge", options.ClientName);
    }

    [Theory]
    [InlineData("redis.local", "redis.local", 6379)]
    [InlineData("[::1]:7001", "::1", 7001)]
    [InlineData("[::1]", "::1", 6379)]
    public void Parse_ReadsEndpoints(string connectionString, string host, int port)
    {
        var options = RedisOptions.Parse(connectionString);

        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("password=x")]
    [InlineData("a:1,b:2")]
    [InlineData("host:notaport")]
    [InlineData("host:70000")]
    [InlineData(":6379")]
    [InlineData("host:1,bogus=1")]
    [InlineData("host:1,ssl=true")]
    [InlineData("host:1,defaultDatabase=x")]
    public void Parse_RejectsMalformedStrings(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => RedisOptions.Parse(connectionString));
        Assert.Contains("Redis", error.Message);
    }

    [Fact]
    public void EndPoint_NeverShowsThePassword()
    {
        var options = RedisOptions.Parse("127.0.0.1:6380,password=hunter2");

        Assert.Equal("127.0.0.1:6380", options.EndPoint);
        Assert.DoesNotContain("hunter2", options.ToString());
    }
}
