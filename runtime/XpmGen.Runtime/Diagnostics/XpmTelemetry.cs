using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace XpmGen.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>XpmGen</c>: one activity per call, and
/// counters of requests, retries and throttled waits with a histogram of call durations.
/// </summary>
public static class XpmTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>XpmGen</c>.</summary>
    public const string Name = "XpmGen";

    /// <summary>The source of one activity per XPM call, named <c>XPM {METHOD} {path template}</c>.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(XpmTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The meter of the instruments below.</summary>
    public static Meter Meter { get; } = new(Name, typeof(XpmTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary><c>xpmgen.requests</c>: responses received, one per attempt, tagged with method, endpoint and status code.</summary>
    internal static Counter<long> Requests { get; } = Meter.CreateCounter<long>("xpmgen.requests", "{request}", "XPM responses received, one per attempt (a retried call counts each response).");

    /// <summary><c>xpmgen.retries</c>: attempts sent again, tagged with method, endpoint and the reason.</summary>
    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>("xpmgen.retries", "{retry}", "XPM calls sent again after a throttle or a failed read.");

    /// <summary><c>xpmgen.throttled_waits</c>: waits for a rate-limit permit or a pause XPM asked for.</summary>
    internal static Counter<long> ThrottledWaits { get; } = Meter.CreateCounter<long>("xpmgen.throttled_waits", "{wait}", "Calls that waited to stay inside Xero's rate limits.");

    /// <summary><c>xpmgen.request.duration</c>: seconds from sending a call to reading its response, retries included.</summary>
    internal static Histogram<double> Duration { get; } = Meter.CreateHistogram<double>("xpmgen.request.duration", "s", "Duration of XPM calls, retries and waits included.");
}
