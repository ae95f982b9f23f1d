using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Diagnostics;
using XpmGen.Http;

namespace XpmGen;

/// <summary>
/// What every limiter the send pipeline calls has in common, and the one place of Xero's rules: what a response's limit
/// headers, a 429 and <c>X-DayLimit-Remaining</c> mean (<see cref="XpmRateLimitObservation"/>), the refusal of a call
/// when the day is spent, and the wait for a pause XPM asked for. A derived class only keeps the counts and the
/// pauses: <see cref="XpmRateLimiter"/> in the process, another package (XpmGen.Redis) in a store every instance of the
/// app shares.
/// </summary>
public abstract class XpmRateLimiterBase : IDisposable
{
    private readonly ConcurrentDictionary<string, XpmRateLimitStatus> _status = new(StringComparer.OrdinalIgnoreCase);
    private readonly XpmRateLimiterBase? _fallback;

    /// <summary>Checks and keeps the limits and the clock.</summary>
    /// <param name="options">The limits; Xero's published ones when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    protected XpmRateLimiterBase(XpmRateLimitOptions? options, TimeProvider? timeProvider)
        : this(options, timeProvider, fallback: null)
    {
    }

    /// <summary>Checks and keeps the limits and the clock, and a limiter that takes over while this one's store is unreachable.</summary>
    /// <param name="options">The limits; Xero's published ones when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="fallback">
    /// Used for every step while <see cref="UseFallback"/> is <see langword="true"/>, and for a step of this limiter that
    /// throws <see cref="XpmRateLimiterUnavailableException"/>; without one, that exception reaches the caller.
    /// </param>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    protected XpmRateLimiterBase(XpmRateLimitOptions? options, TimeProvider? timeProvider, XpmRateLimiterBase? fallback)
    {
        _fallback = fallback;
        Options = options ?? new XpmRateLimitOptions();
        if (Options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Whether the steps go to the fallback limiter now (for example while a shared store is known to be unreachable).</summary>
    protected virtual bool UseFallback => false;

    /// <summary>
    /// Whether this limiter's window counts every call of the app to the tenant, every instance's included (a limiter
    /// shared through a store), rather than only this process's. It changes what <c>X-MinLimit-Remaining: 0</c> without
    /// <c>Retry-After</c> means (<see cref="XpmRateLimitObservation.From(HttpResponseMessage, XpmRateLimitOptions, TimeProvider, bool)"/>).
    /// Default: <see langword="false"/>.
    /// </summary>
    protected virtual bool CountsEveryInstance => false;

    /// <summary>The limits this limiter keeps to.</summary>
    public XpmRateLimitOptions Options { get; }

    /// <summary>The clock of the limiter.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// The window a limiter counts permits over: <see cref="XpmRateLimitOptions.Window"/> with a 5% margin, since a call
    /// can reach XPM a little after its permit was given.
    /// </summary>
    protected TimeSpan WindowWithMargin => Options.Window * 1.05;

    /// <summary>The last limit figures this process saw XPM report for <paramref name="tenantId"/>, or <see langword="null"/> before any response.</summary>
    /// <param name="tenantId">The tenant (<see langword="null"/> for calls without one).</param>
    /// <returns>The figures, or <see langword="null"/>.</returns>
    public virtual XpmRateLimitStatus? GetStatus(string? tenantId) =>
        _status.TryGetValue(tenantId ?? string.Empty, out var status) ? status : null;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the limiter holds.</summary>
    /// <param name="disposing"><see langword="true"/> from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// Until when calls of the tenant fail unsent because XPM reported its day's budget spent (a past time when they do not;
    /// <see cref="DateTimeOffset.MinValue"/> when no block was ever set, which spares reading the clock).
    /// </summary>
    /// <param name="tenantId">The tenant (empty for calls without one).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The end of the block.</returns>
    protected abstract ValueTask<DateTimeOffset> GetDayBlockedUntilAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Waits for one of the tenant's concurrent slots, held for the whole call (retries included).</summary>
    /// <param name="tenantId">The tenant (empty for calls without one).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The slot, released by disposing <see cref="XpmLimitAcquisition.Release"/>; not acquired when too many calls wait already.</returns>
    protected abstract ValueTask<XpmLimitAcquisition> AcquireCallSlotAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Until when XPM asked the tenant to pause (a past time when it did not; <see cref="DateTimeOffset.MinValue"/> when it
    /// never did, which spares reading the clock).
    /// </summary>
    /// <param name="tenantId">The tenant (empty for calls without one).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The end of the pause.</returns>
    protected abstract ValueTask<DateTimeOffset> GetPausedUntilAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the app's and the tenant's per-window permits for one attempt (at most
    /// <see cref="XpmRateLimitOptions.RequestsPerWindowPerApp"/> and <see cref="XpmRateLimitOptions.RequestsPerWindowPerTenant"/>
    /// in any <see cref="WindowWithMargin"/>). The permits are spent: they come back only as the window slides on.
    /// </summary>
    /// <param name="tenantId">The tenant (empty for calls without one).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Acquired, or not when too many calls wait already.</returns>
    protected abstract ValueTask<XpmLimitAcquisition> AcquireWindowPermitAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Keeps what a response taught (<see cref="XpmRateLimitObservation"/>): a pause, a day block or its end.</summary>
    /// <param name="tenantId">The tenant (empty for calls without one).</param>
    /// <param name="observation">What the runtime read from the response.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when it is kept.</returns>
    protected abstract ValueTask ApplyAsync(string tenantId, XpmRateLimitObservation observation, CancellationToken cancellationToken);

    /// <summary>Refuses a call when the day is spent, then waits for one of the tenant's concurrent slots; dispose the result when the call has completed.</summary>
    internal async ValueTask<IDisposable> AcquireCallAsync(string? tenantId, XpmErrorContext context, XpmMetrics metrics, CancellationToken cancellationToken)
    {
        var tenant = tenantId ?? string.Empty;
        var blockedUntil = await StepAsync(static (l, t, c) => l.GetDayBlockedUntilAsync(t, c), tenant, cancellationToken).ConfigureAwait(false);

        var blocked = Left(blockedUntil);
        if (blocked > TimeSpan.Zero)
        {
            var status = GetStatus(tenant);
            throw new XpmRateLimitException(
                $"{context.Method?.Method} {context.Path} was not sent: XPM reported no calls left today for this tenant{(status is null ? string.Empty : $" at {status.ObservedAt:u}")}. Calls are sent again from {blockedUntil:u}, when XPM's answer decides whether the daily budget has come back.",
                context,
                retryAfter: blocked,
                limitProblem: "day",
                status);
        }

        var slot = await StepAsync(static (l, t, c) => l.AcquireCallSlotAsync(t, c), tenant, cancellationToken).ConfigureAwait(false);
        return Granted(slot, "concurrent calls", context, metrics) ?? NoRelease.Instance;
    }

    /// <summary>Waits out a pause XPM asked for, then for the app's and the tenant's window permits; returns how long the tenant was paused.</summary>
    internal async ValueTask<TimeSpan> AcquireAttemptAsync(string? tenantId, XpmErrorContext context, XpmMetrics metrics, CancellationToken cancellationToken)
    {
        var tenant = tenantId ?? string.Empty;
        var pausedUntil = await StepAsync(static (l, t, c) => l.GetPausedUntilAsync(t, c), tenant, cancellationToken).ConfigureAwait(false);
        var pause = Left(pausedUntil);
        if (pause > TimeSpan.Zero)
        {
            metrics.ThrottledWait("paused");
            await Task.Delay(pause, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        var permit = await StepAsync(static (l, t, c) => l.AcquireWindowPermitAsync(t, c), tenant, cancellationToken).ConfigureAwait(false);
        Granted(permit, "calls per window", context, metrics)?.Dispose();
        return pause > TimeSpan.Zero ? pause : TimeSpan.Zero;
    }

    /// <summary>Reads the limit headers of a response and keeps what they mean.</summary>
    internal async ValueTask ObserveAsync(string? tenantId, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var tenant = tenantId ?? string.Empty;
        var applier = _fallback is not null && UseFallback ? _fallback : this;
        var observation = XpmRateLimitObservation.From(response, Options, TimeProvider, applier.CountsEveryInstance);
        if (observation.Status is { } figures)
        {
            _status.AddOrUpdate(
                tenant,
                static (_, figures) => figures,
                static (_, previous, figures) => new XpmRateLimitStatus(
                    figures.MinuteRemaining ?? previous.MinuteRemaining,
                    figures.DayRemaining ?? previous.DayRemaining,
                    figures.AppMinuteRemaining ?? previous.AppMinuteRemaining,
                    figures.ObservedAt),
                figures);
        }

        if (observation.Pause is null && observation.DayBlock is null && !observation.DayUnblocked)
        {
            return;
        }

        await StepAsync(
            static async (l, t, c) =>
            {
                await l.ApplyAsync(t.Tenant, t.Observation, c).ConfigureAwait(false);
                return true;
            },
            (Tenant: tenant, Observation: observation),
            cancellationToken).ConfigureAwait(false);
    }

    // What is left until a block or pause ends; the clock is read only when one was ever set (MinValue: never).
    private TimeSpan Left(DateTimeOffset until) => until == DateTimeOffset.MinValue ? TimeSpan.Zero : until - TimeProvider.GetUtcNow();

    /// <summary>Runs one step on this limiter, or on the fallback while the store is unreachable.</summary>
    private ValueTask<T> StepAsync<TState, T>(Func<XpmRateLimiterBase, TState, CancellationToken, ValueTask<T>> step, TState state, CancellationToken cancellationToken) =>

        // A limiter without a fallback (the local one) runs the step as it is: no state machine around it.
        _fallback is null ? step(this, state, cancellationToken) : StepWithFallbackAsync(step, _fallback, state, cancellationToken);

    private async ValueTask<T> StepWithFallbackAsync<TState, T>(Func<XpmRateLimiterBase, TState, CancellationToken, ValueTask<T>> step, XpmRateLimiterBase fallback, TState state, CancellationToken cancellationToken)
    {
        if (UseFallback)
        {
            return await step(fallback, state, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await step(this, state, cancellationToken).ConfigureAwait(false);
        }
        catch (XpmRateLimiterUnavailableException)
        {
            return await step(fallback, state, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IDisposable? Granted(XpmLimitAcquisition acquisition, string what, XpmErrorContext context, XpmMetrics metrics)
    {
        if (acquisition.WaitedFor is { } limit)
        {
            metrics.ThrottledWait(limit);
        }

        if (acquisition.IsAcquired)
        {
            return acquisition.Release;
        }

        acquisition.Release?.Dispose();
        throw new XpmRateLimitException(
            $"{context.Method?.Method} {context.Path} was not sent: too many calls are already waiting for {what}.",
            context,
            retryAfter: null,
            limitProblem: "queue");
    }

    private sealed class NoRelease : IDisposable
    {
        public static readonly NoRelease Instance = new();

        public void Dispose()
        {
        }
    }
}

/// <summary>The outcome of waiting for a limit: whether it was granted, which limit was waited for, and what releases it.</summary>
public readonly struct XpmLimitAcquisition : IEquatable<XpmLimitAcquisition>
{
    private XpmLimitAcquisition(bool isAcquired, string? waitedFor, IDisposable? release)
    {
        IsAcquired = isAcquired;
        WaitedFor = waitedFor;
        Release = release;
    }

    /// <summary>Whether the slot or permit was granted.</summary>
    public bool IsAcquired { get; }

    /// <summary>The limit that made the call wait (<c>tenant_concurrency</c>, <c>app_window</c>, <c>tenant_window</c>; the <c>limit</c> tag of the throttled-waits metric), or <see langword="null"/> when it did not wait.</summary>
    public string? WaitedFor { get; }

    /// <summary>What gives a held slot back when disposed, or <see langword="null"/> when nothing is held.</summary>
    public IDisposable? Release { get; }

    /// <summary>A granted slot or permit.</summary>
    /// <param name="release">Gives the slot back; <see langword="null"/> for a spent permit.</param>
    /// <param name="waitedFor">The limit waited for, or <see langword="null"/>.</param>
    /// <returns>The acquisition.</returns>
    public static XpmLimitAcquisition Acquired(IDisposable? release, string? waitedFor) => new(true, waitedFor, release);

    /// <summary>A refusal: too many calls wait already.</summary>
    /// <param name="waitedFor">The limit, or <see langword="null"/>.</param>
    /// <returns>The acquisition.</returns>
    public static XpmLimitAcquisition Refused(string? waitedFor) => new(false, waitedFor, null);

    /// <inheritdoc />
    public bool Equals(XpmLimitAcquisition other) => IsAcquired == other.IsAcquired && WaitedFor == other.WaitedFor && ReferenceEquals(Release, other.Release);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is XpmLimitAcquisition other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsAcquired, WaitedFor, Release);

    /// <summary>Compares two acquisitions.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(XpmLimitAcquisition left, XpmLimitAcquisition right) => left.Equals(right);

    /// <summary>Compares two acquisitions.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(XpmLimitAcquisition left, XpmLimitAcquisition right) => !left.Equals(right);
}

/// <summary>
/// What one XPM response means for the limits, decided here and only here: a 429 pauses the tenant until
/// <c>Retry-After</c> (or a window); so does <c>X-MinLimit-Remaining: 0</c>, unless the limiter counts every instance's
/// calls (then its own window already holds the next call until the oldest leaves it, and a blind window-long pause
/// would only waste quota); <c>X-DayLimit-Remaining: 0</c> or a 429 with
/// <c>X-Rate-Limit-Problem: day</c> blocks the tenant's calls until <c>Retry-After</c> (or
/// <see cref="XpmRateLimitOptions.DayLimitRecheck"/>); a later <c>X-DayLimit-Remaining</c> above 0 ends the block.
/// Times are durations from the response, so a limiter shared by many machines applies them to its own clock.
/// </summary>
/// <param name="Status">The limit figures the response carried, or <see langword="null"/>.</param>
/// <param name="Pause">How long the tenant pauses from now, or <see langword="null"/> for no pause.</param>
/// <param name="DayBlock">How long the tenant's calls fail unsent from now, or <see langword="null"/>.</param>
/// <param name="DayUnblocked">Whether the response says calls are left today (any day block ends).</param>
public sealed record XpmRateLimitObservation(XpmRateLimitStatus? Status, TimeSpan? Pause, TimeSpan? DayBlock, bool DayUnblocked)
{
    // A response without limit headers that asks for nothing: one instance for all of them.
    private static readonly XpmRateLimitObservation Nothing = new(null, null, null, false);

    /// <summary>Reads what <paramref name="response"/> means for the limits.</summary>
    /// <param name="response">An XPM response.</param>
    /// <param name="options">The limits (the window and the day re-check).</param>
    /// <param name="timeProvider">The clock (for an HTTP-date <c>Retry-After</c>).</param>
    /// <param name="limiterCountsEveryInstance">Whether the limiter's window counts every instance's calls (see <see cref="XpmRateLimiterBase.CountsEveryInstance"/>).</param>
    /// <returns>The observation.</returns>
    public static XpmRateLimitObservation From(HttpResponseMessage response, XpmRateLimitOptions options, TimeProvider timeProvider, bool limiterCountsEveryInstance = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var figures = XpmResponseHeaders.LimitStatus(response, timeProvider);
        var retryAfter = XpmResponseHeaders.RetryAfter(response, timeProvider);
        var tooMany = response.StatusCode == HttpStatusCode.TooManyRequests;
        var dayProblem = string.Equals(XpmResponseHeaders.RateLimitProblem(response), "day", StringComparison.OrdinalIgnoreCase);
        TimeSpan? dayBlock = null;
        var dayUnblocked = false;
        if (figures?.DayRemaining == 0 || (dayProblem && tooMany))
        {
            // The day is spent: refuse calls until XPM's Retry-After, or re-check after a while (the reset time is not known).
            dayBlock = retryAfter ?? options.DayLimitRecheck;
        }
        else if (figures?.DayRemaining > 0)
        {
            // A later answer says otherwise: calls are left today after all.
            dayUnblocked = true;
        }

        // Other processes may share the tenant: XPM's own count wins over the local one. A limiter that counts every
        // instance's calls has XPM's count already: its window holds the next call exactly as long as needed.
        // Retry-After, when given, says exactly when XPM takes calls again; otherwise wait out the window.
        var minuteSpent = figures?.MinuteRemaining == 0 && (retryAfter is not null || !limiterCountsEveryInstance);
        TimeSpan? pause = tooMany || minuteSpent ? retryAfter ?? options.Window : null;
        return figures is null && pause is null && dayBlock is null && !dayUnblocked
            ? Nothing
            : new XpmRateLimitObservation(figures, pause, dayBlock, dayUnblocked);
    }
}
