using System;
using System.Collections.Generic;

namespace XpmGen.Sandbox;

/// <summary>
/// XPM's limits as the sandbox keeps them: per tenant a sliding window of calls, calls in flight and a rolling day,
/// and a sliding window for the whole app. Every admitted call is counted, so the limit headers are true whether or
/// not the limits are enforced; with <see cref="XpmSandboxLimits.Enforce"/> a call over a limit is refused instead.
/// </summary>
internal sealed class SandboxRateLimits
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly XpmSandboxLimits _limits;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly Dictionary<string, TenantCounters> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<DateTimeOffset> _app = new();

    public SandboxRateLimits(XpmSandboxLimits limits, TimeProvider clock)
    {
        _limits = limits;
        _clock = clock;
    }

    /// <summary>Admits a call for a tenant or says which limit refuses it; an admitted call holds an in-flight slot until disposed.</summary>
    public Admission Admit(string tenantId)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var tenant = Counters(tenantId);
            Prune(tenant.Window, now - _limits.Window);
            Prune(tenant.Day, now - Day);
            Prune(_app, now - _limits.Window);

            if (_limits.Enforce)
            {
                var refusal = Refusal(tenant, now);
                if (refusal is not null)
                {
                    return refusal with { Remaining = RemainingOf(tenant) };
                }
            }

            tenant.Window.Enqueue(now);
            tenant.Day.Enqueue(now);
            _app.Enqueue(now);
            tenant.InFlight++;
            return new Admission(null, TimeSpan.Zero, RemainingOf(tenant), new Slot(this, tenant));
        }
    }

    /// <summary>The remaining figures for a tenant without counting a call (for answers that are not counted, such as 401).</summary>
    public Remaining Peek(string? tenantId)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            Prune(_app, now - _limits.Window);
            if (tenantId is null || !_tenants.TryGetValue(tenantId, out var tenant))
            {
                return new Remaining(_limits.PerWindow, _limits.PerDay, Math.Max(0, _limits.AppPerWindow - _app.Count));
            }

            Prune(tenant.Window, now - _limits.Window);
            Prune(tenant.Day, now - Day);
            return RemainingOf(tenant);
        }
    }

    private Admission? Refusal(TenantCounters tenant, DateTimeOffset now)
    {
        if (tenant.Day.Count >= _limits.PerDay)
        {
            return Refused("day", tenant.Day.Peek() + Day - now);
        }

        if (_app.Count >= _limits.AppPerWindow)
        {
            return Refused("appminute", _app.Peek() + _limits.Window - now);
        }

        if (tenant.Window.Count >= _limits.PerWindow)
        {
            return Refused("minute", tenant.Window.Peek() + _limits.Window - now);
        }

        if (tenant.InFlight >= _limits.Concurrent)
        {
            // Xero does not say how long to wait for a concurrency slot; a second is what its 429s suggest.
            return Refused("concurrent", TimeSpan.FromSeconds(1));
        }

        return null;
    }

    private static Admission Refused(string problem, TimeSpan wait) =>
        new(problem, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, default, null);

    private Remaining RemainingOf(TenantCounters tenant) => new(
        Math.Max(0, _limits.PerWindow - tenant.Window.Count),
        Math.Max(0, _limits.PerDay - tenant.Day.Count),
        Math.Max(0, _limits.AppPerWindow - _app.Count));

    private TenantCounters Counters(string tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var counters))
        {
            counters = new TenantCounters();
            _tenants[tenantId] = counters;
        }

        return counters;
    }

    private static void Prune(Queue<DateTimeOffset> log, DateTimeOffset before)
    {
        // A call made exactly one window ago still counts: the window is closed at both ends, as the client assumes.
        while (log.Count > 0 && log.Peek() < before)
        {
            log.Dequeue();
        }
    }

    private void Release(TenantCounters tenant)
    {
        lock (_gate)
        {
            tenant.InFlight--;
        }
    }

    /// <summary>The outcome of <see cref="Admit"/>: a refusal (<see cref="Problem"/> is set) or an in-flight <see cref="Slot"/>.</summary>
    public sealed record Admission(string? Problem, TimeSpan RetryAfter, Remaining Remaining, IDisposable? Slot);

    /// <summary>What is left of each limit, for <c>X-MinLimit-Remaining</c>, <c>X-DayLimit-Remaining</c> and <c>X-AppMinLimit-Remaining</c>.</summary>
    public readonly record struct Remaining(int Minute, int Day, int AppMinute);

    private sealed class TenantCounters
    {
        public Queue<DateTimeOffset> Window { get; } = new();

        public Queue<DateTimeOffset> Day { get; } = new();

        public int InFlight { get; set; }
    }

    private sealed class Slot(SandboxRateLimits owner, TenantCounters tenant) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (System.Threading.Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(tenant);
            }
        }
    }
}
