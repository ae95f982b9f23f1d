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
    protected override async ValueTask<XpmLimitAcquisition> AcquireCallSlotAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (lease, waited) = await Acquire(Tenant(tenantId).Concurrency, cancellationToken).ConfigureAwait(false);
        return lease is null ? XpmLimitAcquisition.Refused("tenant_concurrency") : XpmLimitAcquisition.Acquired(lease, waited ? "tenant_concurrency" : null);
    }

    /// <inheritdoc />
    protected override ValueTask<DateTimeOffset> GetPausedUntilAsync(string tenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Tenant(tenantId).PausedUntil);

    /// <inheritdoc />
    protected override async ValueTask<XpmLimitAcquisition> AcquireWindowPermitAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (app, appWaited) = await Acquire(_app, cancellationToken).ConfigureAwait(false);
        if (app is null)
        {
            return XpmLimitAcquisition.Refused("app_window");
        }

        app.Dispose();
        var (tenant, tenantWaited) = await Acquire(Tenant(tenantId).Window, cancellationToken).ConfigureAwait(false);
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

    private TenantLimits Tenant(string tenantId) =>
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
