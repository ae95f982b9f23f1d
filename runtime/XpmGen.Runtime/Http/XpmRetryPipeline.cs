using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Microsoft.Extensions.Logging;
using Polly.Retry;
using XpmGen.Diagnostics;

namespace XpmGen.Http;

/// <summary>Builds the Polly retry pipeline that <see cref="XpmClient"/> sends every request through.</summary>
internal static class XpmRetryPipeline
{
    /// <summary>Whether the request being sent may be sent twice (a GET).</summary>
    public static readonly ResiliencePropertyKey<bool> IsIdempotent = new("XpmGen.IsIdempotent");

    /// <summary>Method, path and tenant of the request being sent, for logs and metrics.</summary>
    public static readonly ResiliencePropertyKey<(string Method, string Path, string? TenantId)> CallName = new("XpmGen.CallName");

    public static ResiliencePipeline<HttpResponseMessage> Create(XpmRetryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        var maxRetryAfter = options.MaxRetryAfter;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, maxRetryAfter, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    var outcome = args.Outcome.Result is { } result ? "HTTP " + (int)result.StatusCode : args.Outcome.Exception?.GetType().Name ?? "an unknown failure";
                    var (method, path, tenantId) = args.Context.Properties.GetValue(CallName, ("?", "?", null));
                    XpmLog.Retrying(logger, method, path, tenantId, args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds);
                    XpmTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("http.request.method", method), new KeyValuePair<string, object?>("xpm.reason", outcome));

                    // The failed response is replaced by the next attempt's; release its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Whether a failed send never left this machine, so repeating it cannot write twice.</summary>
    public static bool WasNotSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        var idempotent = context.Properties.GetValue(IsIdempotent, false);
        switch (outcome)
        {
            case { Result: { StatusCode: HttpStatusCode.TooManyRequests } throttled }:
                // XPM did not process a throttled call, so any method may be sent again, unless the wait is too long.
                return RetryAfter(throttled, timeProvider) is not { } wait || wait <= maxRetryAfter;
            case { Result: { StatusCode: HttpStatusCode.ServiceUnavailable } unavailable }:
                return idempotent && (RetryAfter(unavailable, timeProvider) is not { } delay || delay <= maxRetryAfter);
            case { Exception: HttpRequestException failure }:
                return WasNotSent(failure) || idempotent;
            case { Exception: OperationCanceledException } when !context.CancellationToken.IsCancellationRequested:
                // HttpClient.Timeout, not the caller: the request may have been processed.
                return idempotent;
            default:
                return false;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider) => XpmErrorFactory.GetRetryAfter(response, timeProvider);
}
