using System;
using System.Net.Http;
using System.Threading;
using StackExchange.Redis;
using XpmGen.Redis.Testing;

namespace XpmGen.Redis.Tests;

/// <summary>One real redis-server for the tests of a collection; each test uses a key prefix of its own.</summary>
public sealed class RedisFixture : IDisposable
{
    public RedisFixture()
    {
        Server = RedisServerProcess.Start();
    }

    public RedisServerProcess Server { get; }

    /// <summary>A connection of its own, as another process would have.</summary>
    public ConnectionMultiplexer Connect() => Server.Connect();

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}

internal static class Helpers
{
    public static string NewPrefix() => "test-" + Guid.NewGuid().ToString("N")[..8];

    public static XpmClient Client(FakeXpmServer fake, string tenant, XpmRateLimiterBase limiter) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, new XpmClientOptions
        {
            BaseAddress = fake.BaseAddress,
            TenantId = tenant,
            AccessTokenProvider = new StaticAccessTokenProvider("test-access"),
            Retry = XpmRetryOptions.None,
            RateLimiter = limiter,
        });

    /// <summary>A generous limit: a regression that hangs fails with a cancellation instead of blocking the run.</summary>
    public static CancellationToken Deadline(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static void WaitConnected(IConnectionMultiplexer redis)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!redis.IsConnected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.True(redis.IsConnected, "the connection did not come back after redis-server restarted");
    }
}
