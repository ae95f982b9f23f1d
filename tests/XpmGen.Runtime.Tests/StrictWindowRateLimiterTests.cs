using System;
using XpmGen.Http;

namespace XpmGen.Runtime.Tests;

public sealed class StrictWindowRateLimiterTests
{
    [Fact]
    public void At_most_the_limit_is_given_in_any_window_measured_on_the_clock()
    {
        var clock = new ManualClock();
        using var limiter = new StrictWindowRateLimiter(3, TimeSpan.FromSeconds(60), clock);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        clock.Advance(TimeSpan.FromSeconds(39.9));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero).AddTicks(_ticks);

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
