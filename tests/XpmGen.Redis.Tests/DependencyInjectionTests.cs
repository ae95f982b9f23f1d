using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using XpmGen.Auth;

namespace XpmGen.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class DependencyInjectionTests(RedisFixture redis)
{
    [Fact]
    public void UseRedis_gives_every_client_of_the_process_one_Redis_limiter_and_AddXpmRedisTokenStore_the_store()
    {
        var services = new ServiceCollection();
        services.AddXpmRedisConnection(redis.Server.Configuration);
        services.AddXpmClient(o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:1/practicemanager/3.1/");
            o.TenantId = "t";
            o.AccessTokenProvider = new StaticAccessTokenProvider("x");
        }).UseRedis(o => o.KeyPrefix = "di-test");
        services.AddXpmClient("second", o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:1/practicemanager/3.1/");
            o.TenantId = "u";
            o.AccessTokenProvider = new StaticAccessTokenProvider("x");
        }).UseRedis();
        services.AddXpmRedisTokenStore(o => o.LockLease = TimeSpan.FromSeconds(5));
        using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<XpmClientOptions>>();
        var first = Assert.IsType<RedisXpmRateLimiter>(monitor.Get(Options.DefaultName).RateLimiter);
        Assert.Same(first, monitor.Get("second").RateLimiter);
        Assert.IsType<RedisXpmTokenStore>(provider.GetRequiredService<IXpmTokenStore>());
        Assert.NotNull(provider.GetRequiredService<XpmClient>());
    }
}
