using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace XpmGen.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>XpmGen</c>: one client activity per call, and
/// counters of attempts, retries and throttled waits with a histogram of call durations, tagged with the
/// OpenTelemetry HTTP client conventions. Every name is listed in <c>docs/telemetry.md</c>. With OpenTelemetry,
/// <c>AddXpmGenInstrumentation()</c> on the tracer and meter provider builders subscribes to both.
/// </summary>
public static class XpmTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>XpmGen</c>.</summary>
    public const string Name = "XpmGen";

    /// <summary>The version the source and the meter report: the runtime assembly's.</summary>
    internal static readonly string? Version = typeof(XpmTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The source of one client activity per XPM call, named <c>XPM {METHOD} {url.template}</c>.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>
    /// The meter used when <see cref="XpmClientOptions.MeterFactory"/> is not set. A client given an
    /// <see cref="IMeterFactory"/> (as <c>AddXpmClient</c> does when the host has one) records on a meter of the
    /// same name made by that factory instead, so listeners and exporters that select the name <c>XpmGen</c> see both.
    /// </summary>
    public static Meter Meter { get; } = new(Name, Version);
}
