using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;
using XpmGen.Auth;
using XpmGen.Redis.Testing;

namespace XpmGen.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisTokenStoreTests(RedisFixture redis)
{
    // Stored to the millisecond: whole seconds compare equal after a round trip.
    private static DateTimeOffset Seconds(int minutes) => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(minutes).ToUnixTimeSeconds());

    private static XpmOAuthClient OAuth(FakeXpmServer fake) => new(
        new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
        new XpmOAuthOptions { ClientId = "client", ClientSecret = "secret", TokenEndpoint = fake.TokenEndpoint });

    /// <summary>Stores a set whose access token has expired, as the authorization flow left it an hour ago.</summary>
    private static async Task<XpmTokenSet> SeedExpiredAsync(FakeXpmServer fake, IXpmTokenStore store, string key)
    {
        var (access, refresh) = fake.IssueInitial();
        var tokens = new XpmTokenSet(access, refresh, DateTimeOffset.UtcNow.AddMinutes(-30), "openid offline_access");
        await store.SaveAsync(key, tokens, CancellationToken.None);
        return tokens;
    }

    [Fact]
    public async Task Two_providers_over_one_Redis_store_with_ten_callers_each_make_one_token_request_and_no_reconnect()
    {
        await using var fake = new FakeXpmServer(100, TimeSpan.FromSeconds(1), 5, TimeSpan.Zero) { TokenLatency = TimeSpan.FromMilliseconds(200) };
        var prefix = Helpers.NewPrefix();
        using var redisA = redis.Connect();
        using var redisB = redis.Connect();
        var storeA = new RedisXpmTokenStore(redisA, new RedisXpmTokenStoreOptions { KeyPrefix = prefix });
        var storeB = new RedisXpmTokenStore(redisB, new RedisXpmTokenStoreOptions { KeyPrefix = prefix });
        const string Key = "practice-42@example.test";
        var seeded = await SeedExpiredAsync(fake, storeA, Key);
        using var providerA = new XpmRefreshingAccessTokenProvider(OAuth(fake), storeA, Key);
        using var providerB = new XpmRefreshingAccessTokenProvider(OAuth(fake), storeB, Key);

        var deadline = Helpers.Deadline();
        var callers = Enumerable.Range(0, 10).Select(_ => Task.Run(() => providerA.GetAccessTokenAsync(deadline).AsTask()))
            .Concat(Enumerable.Range(0, 10).Select(_ => Task.Run(() => providerB.GetAccessTokenAsync(deadline).AsTask())));
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, fake.TokenRequests);
        Assert.Equal(0, fake.InvalidGrants);
        Assert.Single(tokens.Distinct());
        Assert.NotEqual(seeded.AccessToken, tokens[0]);
        var stored = await storeB.LoadAsync(Key, CancellationToken.None);
        Assert.Equal(tokens[0], stored!.AccessToken);
        Assert.False(providerA.HasUnsavedTokens || providerB.HasUnsavedTokens);

        // Key names hold neither a token nor the connection key; the lock is released.
        var keys = redis.Server.Configuration is { } config
            ? redisA.GetServer(redisA.GetEndPoints()[0]).Keys(pattern: "{" + prefix + "}*").Select(k => k.ToString()).ToList()
            : throw new InvalidOperationException();
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.DoesNotContain("access-", k, StringComparison.Ordinal);
            Assert.DoesNotContain("refresh-", k, StringComparison.Ordinal);
            Assert.DoesNotContain("practice-42", k, StringComparison.Ordinal);
            Assert.False(k.EndsWith(":lock", StringComparison.Ordinal), "the refresh lock was left behind");
        });
    }

    [Fact]
    public async Task A_holder_whose_lock_expired_cannot_overwrite_the_set_a_later_holder_saved()
    {
        var options = new RedisXpmTokenStoreOptions { KeyPrefix = Helpers.NewPrefix(), LockLease = TimeSpan.FromMilliseconds(300), LockWaitTimeout = TimeSpan.FromSeconds(5) };
        using var redisA = redis.Connect();
        using var redisB = redis.Connect();
        var storeA = new RedisXpmTokenStore(redisA, options);
        var storeB = new RedisXpmTokenStore(redisB, options);
        var later = new XpmTokenSet("access-later", "refresh-later", Seconds(30));
        var stale = new XpmTokenSet("access-stale", "refresh-stale", Seconds(30));

        var leaseA = await storeA.AcquireRefreshLeaseAsync("k", Helpers.Deadline());
        RedisXpmTokenStore.StopRenewal(leaseA);
        await Task.Delay(700);

        // A stalled past its lease: B gets the lock, with a larger fencing token, and saves.
        var leaseB = await storeB.AcquireRefreshLeaseAsync("k", Helpers.Deadline());
        Assert.True(leaseB.FencingToken > leaseA.FencingToken);
        Assert.True(await leaseB.TrySaveAsync(later, CancellationToken.None));

        // A wakes up: its save is refused while B holds the lock, and after B released it too (B's fence is stored).
        Assert.False(await leaseA.TrySaveAsync(stale, CancellationToken.None));
        await leaseA.DisposeAsync();
        var whileBHolds = new RedisXpmTokenStore(redisA, new RedisXpmTokenStoreOptions { KeyPrefix = options.KeyPrefix, LockWaitTimeout = TimeSpan.FromMilliseconds(200) });
        await Assert.ThrowsAsync<XpmTokenStoreException>(() => whileBHolds.AcquireRefreshLeaseAsync("k", Helpers.Deadline()).AsTask());
        await leaseB.DisposeAsync();
        Assert.False(await leaseA.TrySaveAsync(stale, CancellationToken.None));
        Assert.Equal(later, await storeA.LoadAsync("k", CancellationToken.None));

        // The lock is free again.
        await using var leaseC = await storeA.AcquireRefreshLeaseAsync("k", Helpers.Deadline());
        Assert.True(leaseC.FencingToken > leaseB.FencingToken);
    }

    [Fact]
    public async Task Waiting_for_the_lock_times_out_with_a_typed_error_and_honours_cancellation()
    {
        var options = new RedisXpmTokenStoreOptions { KeyPrefix = Helpers.NewPrefix(), LockWaitTimeout = TimeSpan.FromMilliseconds(300) };
        using var connection = redis.Connect();
        var store = new RedisXpmTokenStore(connection, options);
        await using var held = await store.AcquireRefreshLeaseAsync("k", Helpers.Deadline());

        var timedOut = await Assert.ThrowsAsync<XpmTokenStoreException>(() => store.AcquireRefreshLeaseAsync("k", Helpers.Deadline()).AsTask());
        Assert.Contains("'k'", timedOut.Message, StringComparison.Ordinal);

        var patient = new RedisXpmTokenStore(connection, new RedisXpmTokenStoreOptions { KeyPrefix = options.KeyPrefix });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => patient.AcquireRefreshLeaseAsync("k", cancel.Token).AsTask());
    }

    [Fact]
    public async Task Redis_down_before_a_refresh_is_a_typed_error_and_no_token_request()
    {
        using var server = RedisServerProcess.Start();
        await using var fake = new FakeXpmServer(100, TimeSpan.FromSeconds(1), 5, TimeSpan.Zero);
        using var connection = server.Connect();
        var store = new RedisXpmTokenStore(connection, new RedisXpmTokenStoreOptions { KeyPrefix = Helpers.NewPrefix() });
        await SeedExpiredAsync(fake, store, "k");
        using var provider = new XpmRefreshingAccessTokenProvider(OAuth(fake), store, "k");

        server.Stop();
        var failure = await Assert.ThrowsAsync<XpmTokenStoreException>(() => provider.GetAccessTokenAsync(Helpers.Deadline()).AsTask());
        Assert.Contains("Redis", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.TokenRequests);
    }

    [Fact]
    public async Task Redis_lost_during_a_refresh_keeps_the_rotated_set_in_memory_and_saves_it_when_Redis_is_back()
    {
        using var server = RedisServerProcess.Start();
        await using var fake = new FakeXpmServer(100, TimeSpan.FromSeconds(1), 5, TimeSpan.Zero);
        using var connection = server.Connect();
        var store = new RedisXpmTokenStore(connection, new RedisXpmTokenStoreOptions { KeyPrefix = Helpers.NewPrefix() });
        await SeedExpiredAsync(fake, store, "k");
        using var provider = new XpmRefreshingAccessTokenProvider(OAuth(fake), store, "k");
        XpmTokenStoreException? reported = null;
        provider.SaveFailed += (_, e) => reported = e;

        // Xero rotates the refresh token, and Redis goes down before the new set is saved.
        fake.OnTokenRequest = server.Stop;
        var access = await provider.GetAccessTokenAsync(Helpers.Deadline());
        fake.OnTokenRequest = null;

        Assert.StartsWith("access-", access, StringComparison.Ordinal);
        Assert.True(provider.HasUnsavedTokens);
        Assert.NotNull(reported);
        Assert.IsType<XpmTokenStoreException>(provider.LastSaveFailure);
        Assert.DoesNotContain(access, reported!.Message, StringComparison.Ordinal);

        // The set goes on working from memory while Redis is down.
        Assert.Equal(access, await provider.GetAccessTokenAsync(Helpers.Deadline()));

        server.Restart();
        Helpers.WaitConnected(connection);
        await Task.Delay(1100);
        Assert.Equal(access, await provider.GetAccessTokenAsync(Helpers.Deadline()));
        Assert.False(provider.HasUnsavedTokens);
        Assert.Equal(access, (await store.LoadAsync("k", CancellationToken.None))!.AccessToken);
        Assert.Equal(1, fake.TokenRequests);
    }

    [Fact]
    public async Task With_Data_Protection_the_set_in_Redis_holds_no_token_in_the_clear()
    {
        using var connection = redis.Connect();
        var protection = new EphemeralDataProtectionProvider();
        var prefix = Helpers.NewPrefix();
        var store = new RedisXpmTokenStore(connection, new RedisXpmTokenStoreOptions { KeyPrefix = prefix }, protection);
        var tokens = new XpmTokenSet("access-secret-value", "refresh-secret-value", Seconds(30), "openid");
        await store.SaveAsync("k", tokens, CancellationToken.None);

        var raw = (byte[])(await connection.GetDatabase().HashGetAsync(store.GetRedisKey("k"), "data"))!;
        var text = System.Text.Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain("secret-value", text, StringComparison.Ordinal);
        Assert.Equal(tokens, await store.LoadAsync("k", CancellationToken.None));

        // Another connection's key cannot read it, and a store without the keys gets a typed error.
        var other = new RedisXpmTokenStore(connection, new RedisXpmTokenStoreOptions { KeyPrefix = prefix }, new EphemeralDataProtectionProvider());
        await Assert.ThrowsAsync<XpmTokenStoreException>(() => other.LoadAsync("k", CancellationToken.None).AsTask());
    }
}
