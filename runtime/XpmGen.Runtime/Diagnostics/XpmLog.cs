using System;
using Microsoft.Extensions.Logging;

namespace XpmGen.Diagnostics;

/// <summary>
/// XpmGen's log events, source-generated. They name the endpoint (path without its query), the tenant, the
/// status, the duration, Xero's correlation id and the remaining limits; never a token.
/// </summary>
internal static partial class XpmLog
{
    /// <summary>The level of <see cref="CallCompleted"/>, which callers check before gathering its arguments.</summary>
    public const LogLevel CallCompletedLevel = LogLevel.Debug;

    [LoggerMessage(EventId = 1, EventName = "CallCompleted", Level = CallCompletedLevel,
        Message = "{Method} {Path} for tenant {TenantId} returned {StatusCode} in {ElapsedMs:0} ms (correlation {CorrelationId}; left this minute {MinuteRemaining}, today {DayRemaining}, app minute {AppMinuteRemaining})")]
    public static partial void CallCompleted(ILogger logger, string method, string path, string? tenantId, int statusCode, double elapsedMs, string? correlationId, int? minuteRemaining, int? dayRemaining, int? appMinuteRemaining);

    [LoggerMessage(EventId = 2, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "{Method} {Path} for tenant {TenantId} failed after {ElapsedMs:0} ms with {ErrorType} (status {StatusCode}, correlation {CorrelationId})")]
    public static partial void CallFailed(ILogger logger, string method, string path, string? tenantId, double elapsedMs, string errorType, int? statusCode, string? correlationId);

    [LoggerMessage(EventId = 3, EventName = "Retrying", Level = LogLevel.Warning,
        Message = "{Method} {Path} for tenant {TenantId}: attempt {Attempt} ended with {Outcome}; sending it again in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, string? tenantId, int attempt, string outcome, double delayMs);

    [LoggerMessage(EventId = 4, EventName = "ThrottledWait", Level = LogLevel.Information,
        Message = "{Method} {Path} for tenant {TenantId} waits {DelayMs:0} ms: XPM reported the tenant's minute limit spent")]
    public static partial void ThrottledWait(ILogger logger, string method, string path, string? tenantId, double delayMs);
}
