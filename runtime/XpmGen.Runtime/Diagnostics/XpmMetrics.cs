using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace XpmGen.Diagnostics;

/// <summary>
/// The instruments of one <c>XpmGen</c> meter: the static <see cref="XpmTelemetry.Meter"/>, or one made by an
/// <see cref="IMeterFactory"/>. Each meter gets its instruments once, however many clients share it.
/// </summary>
internal sealed class XpmMetrics
{
    // Durations of whole calls: retries and rate-limit waits (up to a minute) included, so the buckets reach
    // further than the HTTP conventions' default (which stops at 10 s).
    private static readonly double[] DurationBuckets = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120];

    // Keyed by the meter, not the factory: a factory hands out one meter per name and version, and a disposed
    // factory's meter is collected with its instruments.
    private static readonly ConditionalWeakTable<Meter, XpmMetrics> ByMeter = new();

    private XpmMetrics(Meter meter)
    {
        Meter = meter;
        Requests = meter.CreateCounter<long>("xpmgen.requests", "{request}", "XPM attempts sent, one per attempt: a retried call counts each attempt, with its status code or its error.type.");
        Retries = meter.CreateCounter<long>("xpmgen.retries", "{retry}", "XPM calls sent again after a throttle or a failed read.");
        ThrottledWaits = meter.CreateCounter<long>("xpmgen.throttled_waits", "{wait}", "Waits to stay inside Xero's rate limits.");
        Duration = meter.CreateHistogram(
            "xpmgen.request.duration",
            "s",
            "Duration of XPM calls, retries and rate-limit waits included.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>The instruments of the static <see cref="XpmTelemetry.Meter"/>.</summary>
    public static XpmMetrics Default { get; } = new(XpmTelemetry.Meter);

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary><c>xpmgen.requests</c>: attempts that reached the transport.</summary>
    public Counter<long> Requests { get; }

    /// <summary><c>xpmgen.retries</c>: attempts sent again.</summary>
    public Counter<long> Retries { get; }

    /// <summary><c>xpmgen.throttled_waits</c>: waits for a rate-limit permit or a pause XPM asked for.</summary>
    public Counter<long> ThrottledWaits { get; }

    /// <summary><c>xpmgen.request.duration</c>: seconds per call, retries and waits included.</summary>
    public Histogram<double> Duration { get; }

    /// <summary>The instruments to record on: the factory's <c>XpmGen</c> meter, or the static one when there is no factory.</summary>
    public static XpmMetrics For(IMeterFactory? factory) =>
        factory is null
            ? Default
            : ByMeter.GetValue(factory.Create(new MeterOptions(XpmTelemetry.Name) { Version = XpmTelemetry.Version }), static meter => new XpmMetrics(meter));

    /// <summary>Counts one throttled wait, tagged with the limit waited for.</summary>
    public void ThrottledWait(string limit) => ThrottledWaits.Add(1, new KeyValuePair<string, object?>(XpmTelemetryTags.Limit, limit));
}
