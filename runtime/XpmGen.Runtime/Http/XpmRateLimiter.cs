using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using XpmGen.Diagnostics;
using XpmGen.Http;

namespace XpmGen;

/// <summary>
/// Keeps an application inside Xero's limits before they are hit: per tenant at most 5 calls in progress and
/// 60 per minute, and 10,000 per minute across tenants, built on <see cref="System.Threading.RateLimiting"/>.
/// It also learns from every response: when XPM reports no calls left this minute (or answers 429), the tenant
/// pauses until the window has passed, and when no calls are left today, calls fail at once instead of being
/// sent. Share one instance across every <see cref="XpmClient"/> of the process (the default is
/// <see cref="Shared"/>), since the limits are Xero's, not the client's.
/// </summary>
public sealed class XpmRateLimiter : IDisposable
{
    private readonly XpmRateLimitOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, TenantLimits> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly StrictWindowRateLimiter _app;

    /// <summary>Creates a limiter with the given figures.</summary>
    /// <param name="options">The limits; Xero's published ones when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    public XpmRateLimiter(XpmRateLimitOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new XpmRateLimitOptions();
        if (_options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _app = CreateWindow(_options.RequestsPerWindowPerApp);
    }

    /// <summary>The process-wide limiter with Xero's published limits, used by clients that are given none.</summary>
    public static XpmRateLimiter Shared { get; } = new();

    /// <summary>The last limit figures XPM reported for <paramref name="tenantId"/>, or <see langword="null"/> before any response.</summary>
    public XpmRateLimitStatus? GetStatus(string? tenantId) =>
        _tenants.TryGetValue(tenantId ?? string.Empty, out var tenant) ? tenant.Status : null;

    /// <inheritdoc />
    public void Dispose()
    {
        _app.Dispose();
        foreach (var tenant in _tenants.Values)
        {
            tenant.Dispose();
        }
    }

    /// <summary>Waits for one of the tenant's concurrent slots; dispose the result when the call has completed.</summary>
    internal async ValueTask<IDisposable> AcquireCallAsync(string? tenantId, XpmErrorContext context, XpmMetrics metrics, CancellationToken cancellationToken)
    {
        var tenant = Tenant(tenantId);
        if (tenant.Status is { DayRemaining: <= 0 } status && _timeProvider.GetUtcNow() - status.ObservedAt < TimeSpan.FromHours(24))
        {
            throw new XpmRateLimitException(
                $"{context.Method?.Method} {context.Path} was not sent: XPM reported no calls left today for this tenant at {status.ObservedAt:u}. The daily limit is a rolling 24 hours.",
                context,
                retryAfter: null,
                limitProblem: "day",
                status);
        }

        return await Acquire(tenant.Concurrency, "concurrent calls", "tenant_concurrency", context, metrics, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the app's and the tenant's per-window permits for one attempt; returns how long XPM asked the tenant to pause.</summary>
    internal async ValueTask<TimeSpan> AcquireAttemptAsync(string? tenantId, XpmErrorContext context, XpmMetrics metrics, CancellationToken cancellationToken)
    {
        var tenant = Tenant(tenantId);
        var pause = tenant.PausedUntil - _timeProvider.GetUtcNow();
        if (pause > TimeSpan.Zero)
        {
            metrics.ThrottledWait("paused");
            await Task.Delay(pause, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        // Window permits are spent when the attempt leaves; they come back only as the window slides on.
        (await Acquire(_app, "app calls per window", "app_window", context, metrics, cancellationToken).ConfigureAwait(false)).Dispose();
        (await Acquire(tenant.Window, "calls per window", "tenant_window", context, metrics, cancellationToken).ConfigureAwait(false)).Dispose();
        return pause > TimeSpan.Zero ? pause : TimeSpan.Zero;
    }

    /// <summary>Reads the limit headers of a response, and pauses the tenant when XPM says its minute is spent.</summary>
    internal void Observe(string? tenantId, HttpResponseMessage response)
    {
        var tenant = Tenant(tenantId);
        var now = _timeProvider.GetUtcNow();
        var figures = XpmResponseHeaders.LimitStatus(response, _timeProvider);
        var minute = figures?.MinuteRemaining;
        if (figures is not null)
        {
            var previous = tenant.Status;
            tenant.Status = new XpmRateLimitStatus(minute ?? previous?.MinuteRemaining, figures.DayRemaining ?? previous?.DayRemaining, figures.AppMinuteRemaining ?? previous?.AppMinuteRemaining, now);
        }

        var retryAfter = XpmResponseHeaders.RetryAfter(response, _timeProvider);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || minute == 0)
        {
            // Other processes may share the tenant: XPM's own count wins over the local one.
            // Retry-After, when given, says exactly when XPM takes calls again; otherwise wait out the window.
            var pause = retryAfter ?? _options.Window;
            tenant.PauseUntil(now + pause);
        }
    }

    private static async ValueTask<RateLimitLease> Acquire(RateLimiter limiter, string what, string limit, XpmErrorContext context, XpmMetrics metrics, CancellationToken cancellationToken)
    {
        var lease = limiter.AttemptAcquire(1);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            metrics.ThrottledWait(limit);
            lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }

        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw new XpmRateLimitException(
            $"{context.Method?.Method} {context.Path} was not sent: too many calls are already waiting for {what}.",
            context,
            retryAfter: null,
            limitProblem: "queue");
    }

    private TenantLimits Tenant(string? tenantId) =>
        _tenants.GetOrAdd(tenantId ?? string.Empty, static (_, self) => new TenantLimits(
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = self._options.ConcurrentRequestsPerTenant,
                QueueLimit = self._options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
            self.CreateWindow(self._options.RequestsPerWindowPerTenant)), this);

    // A strict sliding log measured on the clock: any interval of the configured length holds at most the
    // permitted calls. The window gets a 5% margin, since a call can leave a little after its permit.
    private StrictWindowRateLimiter CreateWindow(int permits) => new(permits, _options.Window * 1.05, _timeProvider);

    private sealed class TenantLimits(ConcurrencyLimiter concurrency, StrictWindowRateLimiter window) : IDisposable
    {
        private volatile XpmRateLimitStatus? _status;
        private long _pausedUntilTicks;

        public ConcurrencyLimiter Concurrency { get; } = concurrency;

        public StrictWindowRateLimiter Window { get; } = window;

        public XpmRateLimitStatus? Status
        {
            get => _status;
            set => _status = value;
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
