using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using XpmGen.Http;

namespace XpmGen;

/// <summary>
/// Keeps an application inside Xero's limits before they are hit: per tenant at most 5 calls in progress and
/// 60 per minute, and 10,000 per minute across tenants, built on <see cref="System.Threading.RateLimiting"/>.
/// It also learns from every response: when XPM reports no calls left this minute (or answers 429), the tenant
/// pauses until the window has passed, and when no calls are left today, calls fail at once instead of being
/// sent, until XPM's <c>Retry-After</c> or, without one, for <see cref="XpmRateLimitOptions.DayLimitRecheck"/>, after
/// which one call goes out again and its answer decides (never a blind 24-hour lockout). Share one instance across every <see cref="XpmClient"/> of the process (the default is
/// <see cref="Shared"/>), since the limits are Xero's, not the client's. The counts live in this process: an app that
/// runs several instances shares them through a store every instance sees (the XpmGen.Redis package; docs/scaling.md).
/// </summary>
public sealed class XpmRateLimiter : XpmRateLimiterBase
{
    private readonly ConcurrentDictionary<string, TenantLimits> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly StrictWindowRateLimiter _app;
    private LastTenant? _lastTenant;

    /// <summary>Creates a limiter with the given figures.</summary>
    /// <param name="options">The limits; Xero's published ones when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    public XpmRateLimiter(XpmRateLimitOptions? options = null, TimeProvider? timeProvider = null)
        : base(options, timeProvider)
    {
        _app = CreateWindow(Options.RequestsPerWindowPerApp);
    }

    /// <summary>The process-wide limiter with Xero's published limits, used by clients that are given none.</summary>
    public static XpmRateLimiter Shared { get; } = new();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Dispose();
            foreach (var tenant in _tenants.Values)
            {
                tenant.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override ValueTask<DateTimeOffset> GetDayBlockedUntilAsync(string tenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Tenant(tenantId).DayBlockedUntil);

    /// <inheritdoc />
    protected override ValueTask<XpmLimitAcquisition> AcquireCallSlotAsync(string tenantId, CancellationToken cancellationToken)
    {
        // A free slot is taken without a state machine; waiting for one is the slow path.
        var concurrency = Tenant(tenantId).Concurrency;
        var lease = concurrency.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult(XpmLimitAcquisition.Acquired(lease, null));
        }

        lease.Dispose();
        return WaitForCallSlotAsync(concurrency, cancellationToken);
    }

    private static async ValueTask<XpmLimitAcquisition> WaitForCallSlotAsync(ConcurrencyLimiter concurrency, CancellationToken cancellationToken)
    {
        var (lease, waited) = await Acquire(concurrency, cancellationToken).ConfigureAwait(false);
        return lease is null ? XpmLimitAcquisition.Refused("tenant_concurrency") : XpmLimitAcquisition.Acquired(lease, waited ? "tenant_concurrency" : null);
    }

    /// <inheritdoc />
    protected override ValueTask<DateTimeOffset> GetPausedUntilAsync(string tenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Tenant(tenantId).PausedUntil);

    /// <inheritdoc />
    protected override ValueTask<XpmLimitAcquisition> AcquireWindowPermitAsync(string tenantId, CancellationToken cancellationToken)
    {
        // Both windows with room: the permits are taken without a state machine (they hold nothing to release).
        var window = Tenant(tenantId).Window;
        var appTaken = _app.TryTake(out _);
        return appTaken && window.TryTake(out _)
            ? ValueTask.FromResult(XpmLimitAcquisition.Acquired(null, null))
            : WaitForWindowsAsync(window, appTaken, cancellationToken);
    }

    private async ValueTask<XpmLimitAcquisition> WaitForWindowsAsync(StrictWindowRateLimiter window, bool appTaken, CancellationToken cancellationToken)
    {
        var appWaited = false;
        if (!appTaken)
        {
            (var app, appWaited) = await Acquire(_app, cancellationToken).ConfigureAwait(false);
            if (app is null)
            {
                return XpmLimitAcquisition.Refused("app_window");
            }

            app.Dispose();
        }

        var (tenant, tenantWaited) = await Acquire(window, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return XpmLimitAcquisition.Refused("tenant_window");
        }

        tenant.Dispose();
        return XpmLimitAcquisition.Acquired(null, tenantWaited ? "tenant_window" : appWaited ? "app_window" : null);
    }

    /// <inheritdoc />
    protected override ValueTask ApplyAsync(string tenantId, XpmRateLimitObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var tenant = Tenant(tenantId);
        var now = TimeProvider.GetUtcNow();
        if (observation.DayBlock is { } dayBlock)
        {
            tenant.DayBlockedUntil = now + dayBlock;
        }
        else if (observation.DayUnblocked)
        {
            tenant.DayBlockedUntil = DateTimeOffset.MinValue;
        }

        if (observation.Pause is { } pause)
        {
            tenant.PauseUntil(now + pause);
        }

        return ValueTask.CompletedTask;
    }

    private static async ValueTask<(RateLimitLease? Lease, bool Waited)> Acquire(RateLimiter limiter, CancellationToken cancellationToken)
    {
        var lease = limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return (lease, false);
        }

        lease.Dispose();
        lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return (lease, true);
        }

        lease.Dispose();
        return (null, true);
    }

    private TenantLimits Tenant(string tenantId)
    {
        // A client sends every call with the same tenant id instance: the last one found is checked by reference before
        // the case-insensitive lookup (four per call otherwise).
        var last = Volatile.Read(ref _lastTenant);
        if (last is not null && ReferenceEquals(last.Id, tenantId))
        {
            return last.Limits;
        }

        var limits = FindTenant(tenantId);
        Volatile.Write(ref _lastTenant, new LastTenant(tenantId, limits));
        return limits;
    }

    private TenantLimits FindTenant(string tenantId) =>
        _tenants.GetOrAdd(tenantId, static (_, self) => new TenantLimits(
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = self.Options.ConcurrentRequestsPerTenant,
                QueueLimit = self.Options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
            self.CreateWindow(self.Options.RequestsPerWindowPerTenant)), this);

    // A strict sliding log measured on the clock: any interval of the configured length holds at most the
    // permitted calls (WindowWithMargin: a call can leave a little after its permit).
    private StrictWindowRateLimiter CreateWindow(int permits) => new(permits, WindowWithMargin, TimeProvider);

    private sealed record LastTenant(string Id, TenantLimits Limits);

    private sealed class TenantLimits(ConcurrencyLimiter concurrency, StrictWindowRateLimiter window) : IDisposable
    {
        private long _pausedUntilTicks;
        private long _dayBlockedUntilTicks;

        public ConcurrencyLimiter Concurrency { get; } = concurrency;

        public StrictWindowRateLimiter Window { get; } = window;

        /// <summary>Until when calls fail unsent because XPM reported the day's budget spent.</summary>
        public DateTimeOffset DayBlockedUntil
        {
            get => new(Interlocked.Read(ref _dayBlockedUntilTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _dayBlockedUntilTicks, value.UtcTicks);
        }

        public DateTimeOffset PausedUntil => new(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero);

        /// <summary>Moves the pause to <paramref name="until"/> unless it already lasts longer.</summary>
        public void PauseUntil(DateTimeOffset until)
        {
            var ticks = until.UtcTicks;
            var current = Interlocked.Read(ref _pausedUntilTicks);
            while (ticks > current)
            {
                var seen = Interlocked.CompareExchange(ref _pausedUntilTicks, ticks, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }

        public void Dispose()
        {
            Concurrency.Dispose();
            Window.Dispose();
        }
    }
}
