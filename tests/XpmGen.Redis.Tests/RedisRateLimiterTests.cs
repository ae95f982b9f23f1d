using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Redis.Testing;

namespace XpmGen.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisRateLimiterTests(RedisFixture redis)
{
    private static XpmRateLimitOptions Limits(int perWindow, TimeSpan window, int inFlight) => new()
    {
        RequestsPerWindowPerTenant = perWindow,
        Window = window,
        ConcurrentRequestsPerTenant = inFlight,
    };

    [Fact]
    public async Task Two_instances_together_keep_the_tenant_window_and_in_flight_count()
    {
        await using var fake = new FakeXpmServer(perWindow: 10, window: TimeSpan.FromSeconds(1), inFlight: 3, latency: TimeSpan.FromMilliseconds(40));
        var prefix = Helpers.NewPrefix();
        using var redisA = redis.Connect();
        using var redisB = redis.Connect();
        var options = new RedisXpmRateLimiterOptions { KeyPrefix = prefix, Limits = Limits(10, TimeSpan.FromSeconds(1), 3) };
        using var limiterA = new RedisXpmRateLimiter(redisA, options);
        using var limiterB = new RedisXpmRateLimiter(redisB, options);
        var clientA = Helpers.Client(fake, "tenant-1", limiterA);
        var clientB = Helpers.Client(fake, "tenant-1", limiterB);
        var deadline = Helpers.Deadline();

        var watch = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 15).Select(_ => clientA.Staff.ListAsync(deadline))
            .Concat(Enumerable.Range(0, 15).Select(_ => clientB.Staff.ListAsync(deadline)));
        var results = await Task.WhenAll(calls);
        watch.Stop();

        Assert.All(results, staff => Assert.Single(staff));
        Assert.Equal(0, fake.Throttled);
        Assert.Equal(30, fake.Accepted);
        Assert.True(fake.MaxInFlightSeen("tenant-1") <= 3, $"in flight at once: {fake.MaxInFlightSeen("tenant-1")}");
        Assert.True(fake.MaxInWindowSeen("tenant-1") <= 10, $"in one window: {fake.MaxInWindowSeen("tenant-1")}");
        Assert.Equal(3, fake.MaxInFlightSeen("tenant-1"));

        // 30 calls at 10 a window: the third ten cannot start before two windows (with the 5% margin) have passed.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2), $"elapsed {watch.Elapsed}");
    }

    [Fact]
    public async Task An_in_flight_slot_of_an_instance_that_died_comes_back_when_its_lease_ends()
    {
        await using var fake = new FakeXpmServer(perWindow: 100, window: TimeSpan.FromSeconds(1), inFlight: 5, latency: TimeSpan.FromMilliseconds(10));
        fake.SetDelay("crash", TimeSpan.FromSeconds(30));
        var options = new RedisXpmRateLimiterOptions
        {
            KeyPrefix = Helpers.NewPrefix(),
            Limits = Limits(100, TimeSpan.FromSeconds(1), 1),
            InFlightLease = TimeSpan.FromSeconds(1),
        };
        var redisA = redis.Connect();
        using var limiterA = new RedisXpmRateLimiter(redisA, options);
        using var stuck = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var callA = Helpers.Client(fake, "crash", limiterA).Staff.ListAsync(stuck.Token);
        while (fake.MaxInFlightSeen("crash") == 0)
        {
            await Task.Delay(10);
        }

        // The instance dies: its connection is gone, so nothing renews or releases its slot.
        redisA.Dispose();
        fake.SetDelay("crash", TimeSpan.FromMilliseconds(10));

        using var redisB = redis.Connect();
        using var limiterB = new RedisXpmRateLimiter(redisB, options);
        var watch = Stopwatch.StartNew();
        var staff = await Helpers.Client(fake, "crash", limiterB).Staff.ListAsync(Helpers.Deadline());
        watch.Stop();

        Assert.Single(staff);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(500), $"the dead instance's slot was not held: {watch.Elapsed}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the dead instance's slot was held too long: {watch.Elapsed}");
        stuck.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => callA);
    }

    [Fact]
    public async Task A_live_holder_keeps_its_slot_past_the_lease_by_renewing_it()
    {
        await using var fake = new FakeXpmServer(perWindow: 100, window: TimeSpan.FromSeconds(1), inFlight: 5, latency: TimeSpan.FromMilliseconds(10));
        fake.SetDelay("long", TimeSpan.FromMilliseconds(1500));
        var options = new RedisXpmRateLimiterOptions
        {
            KeyPrefix = Helpers.NewPrefix(),
            Limits = Limits(100, TimeSpan.FromSeconds(1), 1),
            InFlightLease = TimeSpan.FromMilliseconds(400),
        };
        using var redisA = redis.Connect();
        using var redisB = redis.Connect();
        using var limiterA = new RedisXpmRateLimiter(redisA, options);
        using var limiterB = new RedisXpmRateLimiter(redisB, options);
        var callA = Helpers.Client(fake, "long", limiterA).Staff.ListAsync(Helpers.Deadline());
        while (fake.MaxInFlightSeen("long") == 0)
        {
            await Task.Delay(10);
        }

        await Helpers.Client(fake, "long", limiterB).Staff.ListAsync(Helpers.Deadline());
        await callA;

        // Had the 400 ms lease lapsed during A's 1.5 s call, B's call would have overlapped it.
        Assert.Equal(1, fake.MaxInFlightSeen("long"));
    }

    [Theory]
    [InlineData("429")]
    [InlineData("429-without-retry-after")]
    [InlineData("minute-zero-with-retry-after")]
    public async Task A_pause_one_instance_learns_is_kept_by_the_other(string signal)
    {
        await using var fake = new FakeXpmServer(perWindow: 100, window: TimeSpan.FromSeconds(1), inFlight: 5, latency: TimeSpan.FromMilliseconds(5));
        var options = new RedisXpmRateLimiterOptions { KeyPrefix = Helpers.NewPrefix(), Limits = Limits(100, TimeSpan.FromSeconds(2), 5) };
        using var redisA = redis.Connect();
        using var redisB = redis.Connect();
        using var limiterA = new RedisXpmRateLimiter(redisA, options);
        using var limiterB = new RedisXpmRateLimiter(redisB, options);
        if (signal == "429")
        {
            fake.Script("paused", 429, ("Retry-After", "2"), ("X-Rate-Limit-Problem", "minute"));
            await Assert.ThrowsAsync<XpmRateLimitException>(() => Helpers.Client(fake, "paused", limiterA).Staff.ListAsync(Helpers.Deadline()));
        }
        else if (signal == "429-without-retry-after")
        {
            // No Retry-After: the pause is one window (2 s here).
            fake.Script("paused", 429, ("X-Rate-Limit-Problem", "minute"));
            await Assert.ThrowsAsync<XpmRateLimitException>(() => Helpers.Client(fake, "paused", limiterA).Staff.ListAsync(Helpers.Deadline()));
        }
        else
        {
            fake.Script("paused", 200, ("X-MinLimit-Remaining", "0"), ("Retry-After", "2"), ("X-DayLimit-Remaining", "100"));
            await Helpers.Client(fake, "paused", limiterA).Staff.ListAsync(Helpers.Deadline());
        }

        var watch = Stopwatch.StartNew();
        await Helpers.Client(fake, "paused", limiterB).Staff.ListAsync(Helpers.Deadline());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1700), $"B did not keep A's pause: {watch.Elapsed}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"B paused too long: {watch.Elapsed}");

        // Another tenant is not paused.
        watch.Restart();
        await Helpers.Client(fake, "other", limiterB).Staff.ListAsync(Helpers.Deadline());
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1500), $"another tenant waited: {watch.Elapsed}");
    }

    [Fact]
    public async Task Minute_spent_without_Retry_After_is_left_to_the_shared_window_instead_of_a_blind_pause()
    {
        // The shared window counts every instance's calls, as XPM does: X-MinLimit-Remaining: 0 needs no window-long pause
        // (the in-process limiter, which sees only its own calls, still pauses: the runtime's tests prove that).
        await using var fake = new FakeXpmServer(perWindow: 100, window: TimeSpan.FromSeconds(1), inFlight: 5, latency: TimeSpan.FromMilliseconds(5));
        var options = new RedisXpmRateLimiterOptions { KeyPrefix = Helpers.NewPrefix(), Limits = Limits(100, TimeSpan.FromSeconds(3), 5) };
        using var redisA = redis.Connect();
        using var limiterA = new RedisXpmRateLimiter(redisA, options);
        fake.Script("spent", 200, ("X-MinLimit-Remaining", "0"), ("X-DayLimit-Remaining", "100"));
        await Helpers.Client(fake, "spent", limiterA).Staff.ListAsync(Helpers.Deadline());

        var watch = Stopwatch.StartNew();
        await Helpers.Client(fake, "spent", limiterA).Staff.ListAsync(Helpers.Deadline());
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1500), $"paused blindly (a window is 3 s): {watch.Elapsed}");
    }

    [Theory]
    [InlineData("day-zero")]
    [InlineData("day-429")]
    public async Task A_spent_day_one_instance_learns_refuses_the_other_instances_calls_unsent(string signal)
    {
        await using var fake = new FakeXpmServer(perWindow: 100, window: TimeSpan.FromSeconds(1), inFlight: 5, latency: TimeSpan.FromMilliseconds(5));
        var options = new RedisXpmRateLimiterOptions { KeyPrefix = Helpers.NewPrefix(), Limits = Limits(100, TimeSpan.FromSeconds(1), 5) };
        using var redisA = redis.Connect();
        using var redisB = redis.Connect();
        using var limiterA = new RedisXpmRateLimiter(redisA, options);
        using var limiterB = new RedisXpmRateLimiter(redisB, options);
        if (signal == "day-zero")
        {
            fake.Script("spent", 200, ("X-DayLimit-Remaining", "0"), ("X-MinLimit-Remaining", "50"));
            await Helpers.Client(fake, "spent", limiterA).Staff.ListAsync(Helpers.Deadline());
        }
        else
        {
            fake.Script("spent", 429, ("Retry-After", "120"), ("X-Rate-Limit-Problem", "day"));
            await Assert.ThrowsAsync<XpmRateLimitException>(() => Helpers.Client(fake, "spent", limiterA).Staff.ListAsync(Helpers.Deadline()));
        }

        var accepted = fake.Accepted;
        var refused = await Assert.ThrowsAsync<XpmRateLimitException>(() => Helpers.Client(fake, "spent", limiterB).Staff.ListAsync(Helpers.Deadline()));
        Assert.Equal("day", refused.LimitProblem);
        Assert.Equal(accepted, fake.Accepted);
        Assert.NotNull(refused.RetryAfter);
        Assert.True(refused.RetryAfter > TimeSpan.FromSeconds(60), $"retry after {refused.RetryAfter}");
    }

    [Fact]
    public async Task Redis_down_falls_back_to_local_limits_and_calls_keep_flowing_then_Redis_is_used_again()
    {
        using var server = RedisServerProcess.Start();
        await using var fake = new FakeXpmServer(perWindow: 100, window: TimeSpan.FromSeconds(1), inFlight: 5, latency: TimeSpan.FromMilliseconds(5));
        using var connection = server.Connect();
        using var limiter = new RedisXpmRateLimiter(connection, new RedisXpmRateLimiterOptions
        {
            KeyPrefix = Helpers.NewPrefix(),
            Limits = Limits(100, TimeSpan.FromSeconds(1), 5),
            RetryRedisAfter = TimeSpan.FromMilliseconds(200),
        });
        var client = Helpers.Client(fake, "t", limiter);
        await client.Staff.ListAsync(Helpers.Deadline());
        Assert.False(limiter.IsUsingLocalLimits);

        server.Stop();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.Staff.ListAsync(Helpers.Deadline())));
        Assert.True(limiter.IsUsingLocalLimits);

        server.Restart();
        Helpers.WaitConnected(connection);
        await Task.Delay(300);
        await client.Staff.ListAsync(Helpers.Deadline());
        Assert.False(limiter.IsUsingLocalLimits);
        Assert.Equal(7, fake.Accepted);
    }

    [Fact]
    public async Task Redis_down_with_Fail_refuses_calls_unsent_with_a_typed_error()
    {
        using var server = RedisServerProcess.Start();
        await using var fake = new FakeXpmServer(perWindow: 100, window: TimeSpan.FromSeconds(1), inFlight: 5, latency: TimeSpan.FromMilliseconds(5));
        using var connection = server.Connect();
        using var limiter = new RedisXpmRateLimiter(connection, new RedisXpmRateLimiterOptions
        {
            KeyPrefix = Helpers.NewPrefix(),
            Limits = Limits(100, TimeSpan.FromSeconds(1), 5),
            WhenUnavailable = RedisUnavailableBehavior.Fail,
        });
        var client = Helpers.Client(fake, "t", limiter);
        await client.Staff.ListAsync(Helpers.Deadline());

        server.Stop();
        var refused = await Assert.ThrowsAsync<XpmRateLimiterUnavailableException>(() => client.Staff.ListAsync(Helpers.Deadline()));
        Assert.Contains("Redis", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not sent", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, fake.Accepted);
        Assert.True(limiter.RedisFailures >= 1);
    }
}
