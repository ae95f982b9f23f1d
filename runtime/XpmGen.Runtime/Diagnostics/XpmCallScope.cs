using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using XpmGen.Pipeline;

namespace XpmGen.Diagnostics;

/// <summary>
/// The telemetry of one whole call, around the send stages and the reading of the body: its client activity
/// (<c>XPM {METHOD} {url.template}</c>), its duration and its one log event. Per-attempt figures come from
/// <see cref="XpmTelemetryStage"/>. Tags follow <see cref="XpmTelemetryTags"/>: none is ever <see langword="null"/>.
/// </summary>
internal sealed class XpmCallScope : IDisposable
{
    private readonly XpmCall _call;
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly XpmMetrics _metrics;
    private readonly Func<XpmRateLimitStatus?> _limits;
    private bool _recorded;

    public XpmCallScope(XpmCall call, XpmMetrics metrics, TimeProvider timeProvider, ILogger logger, Func<XpmRateLimitStatus?> limits)
    {
        _call = call;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _limits = limits;
        _started = timeProvider.GetTimestamp();
        // The name is built only when a listener could take the activity (StartActivity returns null otherwise).
        _activity = XpmTelemetry.ActivitySource.HasListeners()
            ? XpmTelemetry.ActivitySource.StartActivity(XpmTelemetryTags.ActivityName(call), ActivityKind.Client)
            : null;
        if (_activity is { IsAllDataRequested: true })
        {
            XpmTelemetryTags.Start(_activity, call);
        }
    }

    /// <summary>Records the end of the call, once; <paramref name="error"/> is <see langword="null"/> for a success.</summary>
    public void Complete(Exception? error)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        var elapsed = _timeProvider.GetElapsedTime(_started);
        var errorType = error is null ? null : XpmTelemetryTags.ErrorTypeOf(error);
        if (_metrics.Duration.Enabled)
        {
            var tags = XpmTelemetryTags.Common(_call);
            if (_call.StatusCode is { } status)
            {
                tags.Add(XpmTelemetryTags.StatusCode, status);
            }

            if (errorType is not null)
            {
                tags.Add(XpmTelemetryTags.ErrorType, errorType);
            }

            _metrics.Duration.Record(elapsed.TotalSeconds, tags);
        }

        if (_activity is { IsAllDataRequested: true })
        {
            if (_call.StatusCode is { } status)
            {
                _activity.SetTag(XpmTelemetryTags.StatusCode, status);
            }

            if (_call.CorrelationId is { } correlationId)
            {
                _activity.SetTag(XpmTelemetryTags.CorrelationId, correlationId);
            }

            if (errorType is not null)
            {
                _activity.SetTag(XpmTelemetryTags.ErrorType, errorType);
            }
        }

        if (error is null)
        {
            // The limits are looked up only for a log that is written.
            if (!_logger.IsEnabled(XpmLog.CallCompletedLevel))
            {
                return;
            }

            var limits = _limits();
            XpmLog.CallCompleted(_logger, _call.Method.Method, _call.Path, _call.TenantId, _call.StatusCode ?? 0, elapsed.TotalMilliseconds, _call.CorrelationId, limits?.MinuteRemaining, limits?.DayRemaining, limits?.AppMinuteRemaining);
        }
        else
        {
            // The type, never the message: a message can quote the response body.
            _activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            XpmLog.CallFailed(_logger, _call.Method.Method, _call.Path, _call.TenantId, elapsed.TotalMilliseconds, error.GetType().Name, _call.StatusCode, _call.CorrelationId);
        }
    }

    /// <summary>
    /// Ends the activity. A call not recorded by then is a streamed list the caller stopped reading early (a
    /// <c>break</c> out of the loop): nothing failed, so it is recorded as a success.
    /// </summary>
    public void Dispose()
    {
        Complete(error: null);
        _activity?.Dispose();
    }
}
