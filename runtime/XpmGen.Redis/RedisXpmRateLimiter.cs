using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace XpmGen.Redis;

/// <summary>
/// XPM's limits kept by every instance of an app together, in Redis: per tenant the sliding window of calls and the
/// calls in flight, the app-wide window, and the pauses and day block learned from XPM's answers (what an answer means
/// is decided by the runtime, <see cref="XpmRateLimitObservation"/>). Each step is one atomic Lua script on Redis's clock;
/// an in-flight slot is a lease the holder renews while its call runs, so an instance that dies gives its slots back
/// after <see cref="RedisXpmRateLimiterOptions.InFlightLease"/>. Plug it into <see cref="XpmClientOptions.RateLimiter"/>,
/// one instance per process. When Redis cannot be reached see <see cref="RedisXpmRateLimiterOptions.WhenUnavailable"/>.
/// </summary>
public sealed class RedisXpmRateLimiter : XpmRateLimiterBase
{
    private static long _sequence;

    private readonly IDatabase _db;
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisXpmRateLimiterOptions _options;
    private readonly XpmRateLimiter? _local;
    private readonly RedisKey _appWindow;
    private readonly string _prefix;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<string, TenantState> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private long _downUntilTicks;

    /// <summary>Creates a limiter over <paramref name="redis"/>.</summary>
    /// <param name="redis">The connection (share one per process; create it with <c>AbortOnConnectFail = false</c> so it reconnects by itself).</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for waits and the local fallback; the system clock when <see langword="null"/>. The counts use Redis's clock.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public RedisXpmRateLimiter(IConnectionMultiplexer redis, RedisXpmRateLimiterOptions? options = null, TimeProvider? timeProvider = null)
        : this(redis, options ??= new RedisXpmRateLimiterOptions(), timeProvider, Check(options, timeProvider))
    {
    }

    private RedisXpmRateLimiter(IConnectionMultiplexer redis, RedisXpmRateLimiterOptions options, TimeProvider? timeProvider, XpmRateLimiter? local)
        : base(options.Limits, timeProvider, local)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _options = options;
        _local = local;
        _db = redis.GetDatabase(options.Database);
        _prefix = "{" + options.KeyPrefix + "}:";
        _appWindow = _prefix + "app:window";
    }

    /// <summary>Whether the limiter is on its local limits now, because Redis failed less than <see cref="RedisXpmRateLimiterOptions.RetryRedisAfter"/> ago or is disconnected.</summary>
    public bool IsUsingLocalLimits => _local is not null && UseFallback;

    /// <summary>How many times a Redis failure sent the limiter to its local limits (or, without them, failed a call).</summary>
    public long RedisFailures => Interlocked.Read(ref _failures);

    private long _failures;

    /// <inheritdoc />
    /// <remarks>Every instance's calls are in the Redis window, so <c>X-MinLimit-Remaining: 0</c> needs no blind pause.</remarks>
    protected override bool CountsEveryInstance => true;

    /// <inheritdoc />
    protected override bool UseFallback =>
        !_redis.IsConnected || TimeProvider.GetUtcNow().UtcTicks < Interlocked.Read(ref _downUntilTicks);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local?.Dispose();
            foreach (var tenant in _tenants.Values)
            {
                tenant.Gate.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override async ValueTask<DateTimeOffset> GetDayBlockedUntilAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (_, day) = await ReadStateAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return day;
    }

    /// <inheritdoc />
    protected override async ValueTask<DateTimeOffset> GetPausedUntilAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (pause, _) = await ReadStateAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return pause;
    }

    /// <inheritdoc />
    protected override async ValueTask<XpmLimitAcquisition> AcquireCallSlotAsync(string tenantId, CancellationToken cancellationToken)
    {
        // One process can never have more calls in flight than the tenant's limit: the local gate keeps the other callers
        // of this process off Redis (no polling) until one of the process's own slots is free.
        var gate = Tenant(tenantId).Gate;
        var waited = false;
        if (!gate.Wait(0, CancellationToken.None))
        {
            waited = true;
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var key = TenantKey(tenantId, "inflight");
            var member = NewMember();
            RedisValue[] args = [Options.ConcurrentRequestsPerTenant, RedisScripts.Ms(_options.InFlightLease), member];
            while (true)
            {
                var taken = (long)await EvalAsync(RedisScripts.TakeSlot, [key], args, "in-flight slot").ConfigureAwait(false);
                if (taken == 1)
                {
                    return XpmLimitAcquisition.Acquired(new Slot(this, key, member, gate), waited ? "tenant_concurrency" : null);
                }

                waited = true;
                await Task.Delay(Jittered(_options.PollInterval), TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<XpmLimitAcquisition> AcquireWindowPermitAsync(string tenantId, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [_appWindow, TenantKey(tenantId, "window")];
        RedisValue[] args = [RedisScripts.Ms(WindowWithMargin), Options.RequestsPerWindowPerApp, Options.RequestsPerWindowPerTenant, NewMember()];
        string? waitedFor = null;
        while (true)
        {
            var result = (RedisResult[])(await EvalAsync(RedisScripts.TakeWindowPermit, keys, args, "window permit").ConfigureAwait(false))!;
            var code = (long)result[0];
            if (code == 0)
            {
                return XpmLimitAcquisition.Acquired(null, waitedFor);
            }

            waitedFor = code == 1 ? "app_window" : "tenant_window";
            var wait = TimeSpan.FromMilliseconds(Math.Max(1, (double)result[1]));
            await Task.Delay(Jittered(wait), TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask ApplyAsync(string tenantId, XpmRateLimitObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Pause is null && observation.DayBlock is null && !Tenant(tenantId).DayBlockSeen)
        {
            // Only "calls are left today", and no day block was seen: nothing to end, no round trip.
            return;
        }

        RedisValue[] args =
        [
            observation.Pause is { } pause ? RedisScripts.Ms(pause) : -1,
            observation.DayBlock is { } day ? RedisScripts.Ms(day) : -1,
            observation.DayUnblocked ? 1 : 0,
        ];
        await EvalAsync(RedisScripts.Apply, [TenantKey(tenantId, "state")], args, "learned pause").ConfigureAwait(false);
    }

    private static XpmRateLimiter? Check(RedisXpmRateLimiterOptions options, TimeProvider? timeProvider)
    {
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        return options.WhenUnavailable == RedisUnavailableBehavior.UseLocalLimits ? new XpmRateLimiter(options.Limits, timeProvider) : null;
    }

    // A little spread, so callers of several instances that wait for the same moment do not all ask at once.
    private static TimeSpan Jittered(TimeSpan wait) => wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 3));

    private async ValueTask<(DateTimeOffset Pause, DateTimeOffset Day)> ReadStateAsync(string tenantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = (RedisResult[])(await EvalAsync(RedisScripts.ReadState, [TenantKey(tenantId, "state")], [], "learned pause").ConfigureAwait(false))!;
        var now = TimeProvider.GetUtcNow();
        var pause = (long)result[0];
        var day = (long)result[1];
        Tenant(tenantId).DayBlockSeen = day > 0;
        return (pause > 0 ? now.AddMilliseconds(pause) : DateTimeOffset.MinValue, day > 0 ? now.AddMilliseconds(day) : DateTimeOffset.MinValue);
    }

    private async Task<RedisResult> EvalAsync(string script, RedisKey[] keys, RedisValue[] args, string what)
    {
        try
        {
            return await _db.ScriptEvaluateAsync(script, keys, args).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.Exchange(ref _downUntilTicks, (TimeProvider.GetUtcNow() + _options.RetryRedisAfter).UtcTicks);
            throw new XpmRateLimiterUnavailableException(
                $"The shared rate limiter could not reach Redis for the {what} ({ex.GetType().Name}); {(_local is null ? "the call was not sent" : "this instance keeps XPM's limits on its own until Redis answers")}.",
                ex);
        }
    }

    private TenantState Tenant(string tenantId) => _tenants.GetOrAdd(tenantId, static (_, limit) => new TenantState(limit), Options.ConcurrentRequestsPerTenant);

    private RedisKey TenantKey(string tenantId, string what) => _prefix + "t:" + tenantId + ":" + what;

    private string NewMember() => _instance + ":" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    /// <summary>A held in-flight slot: renewed every third of its lease while held, removed on dispose (or left to expire when Redis is gone).</summary>
    private sealed class Slot : IDisposable
    {
        private readonly RedisXpmRateLimiter _owner;
        private readonly RedisKey _key;
        private readonly string _member;
        private readonly RedisLeaseRenewal _renewal;
        private readonly SemaphoreSlim _gate;
        private int _disposed;

        public Slot(RedisXpmRateLimiter owner, RedisKey key, string member, SemaphoreSlim gate)
        {
            _owner = owner;
            _gate = gate;
            _key = key;
            _member = member;
            // Not renewed (Redis gone): the slot comes back to the others when its lease ends.
            _renewal = new RedisLeaseRenewal(owner.TimeProvider, owner._options.InFlightLease, () =>
                owner._db.ScriptEvaluateAsync(RedisScripts.RenewSlot, [key], [RedisScripts.Ms(owner._options.InFlightLease), member], CommandFlags.FireAndForget));
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _renewal.Stop();
            try
            {
                // Sent before the gate lets this process's next caller ask for a slot (one connection keeps the order).
                _owner._db.SortedSetRemove(_key, _member, CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                // Redis is gone (or the connection closed): the lease ends by itself.
            }
            finally
            {
                try
                {
                    _gate.Release();
                }
                catch (ObjectDisposedException)
                {
                    // The limiter was disposed while the call ran.
                }
            }
        }
    }

    /// <summary>What this process keeps per tenant: the gate of its own in-flight calls, and whether it last saw a day block.</summary>
    private sealed class TenantState(int limit)
    {
        private volatile bool _dayBlockSeen;

        public SemaphoreSlim Gate { get; } = new(limit, limit);

        public bool DayBlockSeen
        {
            get => _dayBlockSeen;
            set => _dayBlockSeen = value;
        }
    }
}
