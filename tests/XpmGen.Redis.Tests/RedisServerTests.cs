using XpmGen.Redis.Testing;

namespace XpmGen.Redis.Tests;

public sealed class RedisServerTests
{
    [Fact]
    public void Redis_server_is_installed_and_answers()
    {
        // Fails (not skips) when redis-server is missing, with the install command in the message.
        using var server = RedisServerProcess.Start();
        Assert.True(server.IsRunning);
        server.Stop();
        Assert.False(server.IsRunning);
    }
}
