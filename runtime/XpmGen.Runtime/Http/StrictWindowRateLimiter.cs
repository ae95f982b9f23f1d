using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace XpmGen.Http;

/// <summary>
/// A sliding-log rate limiter: at most <c>permitLimit</c> permits in any interval of length <c>window</c>,
/// measured on the clock, not on timer ticks. <see cref="SlidingWindowRateLimiter"/> replenishes on a periodic
/// timer, and under load its late ticks bunch up and let a burst through early; XPM counts calls per real
/// minute, so this limiter remembers when each permit was given and waits until the oldest one is a full
/// window old.
/// </summary>
internal sealed class StrictWindowRateLimiter : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(isAcquired: true);
    private static readonly RateLimitLease Refused = new Lease(isAcquired: false);

    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<long> _given = new();
    private readonly SemaphoreSlim _waiters = new(1, 1);
    private readonly object _lock = new();
    private long _idleSince;

    public StrictWindowRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider)
    {
        _permitLimit = permitLimit;
        _window = window;
        _timeProvider = timeProvider;
        _idleSince = timeProvider.GetTimestamp();
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _given.Count == 0 ? _timeProvider.GetElapsedTime(_idleSince) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _permitLimit - _given.Count };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Permits are taken one at a time.");
        }

        return TryTake(out _) ? Granted : Refused;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Permits are taken one at a time.");
        }

        // One waiter at a time keeps callers in arrival order (near enough) and the clock arithmetic simple.
        await _waiters.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!TryTake(out var wait))
            {
                await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            return Granted;
        }
        finally
        {
            _waiters.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _waiters.Dispose();
        }

        base.Dispose(disposing);
    }

    internal bool TryTake(out TimeSpan wait)
    {
        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            while (_given.Count > 0 && _timeProvider.GetElapsedTime(_given.Peek(), now) >= _window)
            {
                _given.Dequeue();
            }

            if (_given.Count < _permitLimit)
            {
                _given.Enqueue(now);
                wait = TimeSpan.Zero;
                return true;
            }

            wait = _window - _timeProvider.GetElapsedTime(_given.Peek(), now);
            if (wait < TimeSpan.FromMilliseconds(1))
            {
                wait = TimeSpan.FromMilliseconds(1);
            }

            _idleSince = now;
            return false;
        }
    }

    private sealed class Lease(bool isAcquired) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => Array.Empty<string>();

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
