using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using XpmGen.Pipeline;

namespace XpmGen.Diagnostics;

/// <summary>
/// The telemetry of one whole call, around the send stages and the reading of the body: its activity
/// (<c>XPM {METHOD} {path template}</c>), its duration and its one log event. Per-attempt figures come from
/// <see cref="XpmTelemetryStage"/>.
/// </summary>
internal sealed class XpmCallScope : IDisposable
{
    private readonly XpmCall _call;
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<XpmRateLimitStatus?> _limits;
    private bool _recorded;

    public XpmCallScope(XpmCall call, TimeProvider timeProvider, ILogger logger, Func<XpmRateLimitStatus?> limits)
    {
        _call = call;
        _timeProvider = timeProvider;
        _logger = logger;
        _limits = limits;
        _started = timeProvider.GetTimestamp();
        _activity = XpmTelemetry.ActivitySource.StartActivity("XPM " + call.Endpoint, ActivityKind.Client);
        _activity?.SetTag("http.request.method", call.Method.Method);
        _activity?.SetTag("url.template", call.Endpoint.PathTemplate);
        _activity?.SetTag("xpm.tenant_id", call.TenantId);
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
        XpmTelemetry.Duration.Record(
            elapsed.TotalSeconds,
            new("http.request.method", _call.Method.Method),
            new("xpm.endpoint", _call.Endpoint.ToString()),
            new("http.response.status_code", _call.StatusCode));
        _activity?.SetTag("http.response.status_code", _call.StatusCode);
        _activity?.SetTag("xero.correlation_id", _call.CorrelationId);
        if (error is null)
        {
            var limits = _limits();
            XpmLog.CallCompleted(_logger, _call.Method.Method, _call.Path, _call.TenantId, _call.StatusCode ?? 0, elapsed.TotalMilliseconds, _call.CorrelationId, limits?.MinuteRemaining, limits?.DayRemaining, limits?.AppMinuteRemaining);
        }
        else
        {
            _activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            XpmLog.CallFailed(_logger, _call.Method.Method, _call.Path, _call.TenantId, elapsed.TotalMilliseconds, error.GetType().Name, _call.StatusCode, _call.CorrelationId);
        }
    }

    public void Dispose() => _activity?.Dispose();
}
