using System;
using XpmGen.Diagnostics;

namespace OpenTelemetry.Trace
{
    /// <summary>Subscribes an OpenTelemetry tracer provider to XpmGen's activities.</summary>
    public static class XpmGenTracerProviderBuilderExtensions
    {
        /// <summary>
        /// Adds the <c>XpmGen</c> activity source: one client activity per XPM call, retries and rate-limit waits
        /// included, tagged with the HTTP client conventions (see <c>docs/telemetry.md</c>). Add
        /// <c>AddHttpClientInstrumentation()</c> as well for a child activity per attempt.
        /// </summary>
        /// <param name="builder">The tracer provider builder.</param>
        /// <returns>The same builder, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
        public static TracerProviderBuilder AddXpmGenInstrumentation(this TracerProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddSource(XpmTelemetry.Name);
        }
    }
}

namespace OpenTelemetry.Metrics
{
    /// <summary>Subscribes an OpenTelemetry meter provider to XpmGen's instruments.</summary>
    public static class XpmGenMeterProviderBuilderExtensions
    {
        /// <summary>
        /// Adds the <c>XpmGen</c> meter, whether the static one or the one made by the host's
        /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/>: <c>xpmgen.requests</c>, <c>xpmgen.retries</c>,
        /// <c>xpmgen.throttled_waits</c> and <c>xpmgen.request.duration</c> (see <c>docs/telemetry.md</c>).
        /// </summary>
        /// <param name="builder">The meter provider builder.</param>
        /// <returns>The same builder, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
        public static MeterProviderBuilder AddXpmGenInstrumentation(this MeterProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddMeter(XpmTelemetry.Name);
        }
    }
}
