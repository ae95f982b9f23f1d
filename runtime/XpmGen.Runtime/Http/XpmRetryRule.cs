using System;
using System.Net;
using System.Net.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace XpmGen.Http;

/// <summary>How an attempt failed, as far as sending it again is concerned.</summary>
internal enum XpmFailureKind
{
    /// <summary>Not a failure this rule knows; never retried.</summary>
    Other,

    /// <summary>The connection never opened: nothing was sent, any method may be sent again.</summary>
    NotSent,

    /// <summary>The request was sent and the connection failed: XPM may have processed it.</summary>
    MayHaveBeenDelivered,

    /// <summary>No (complete) response within the attempt timeout: XPM may have processed it.</summary>
    TimedOut,
}

/// <summary>
/// XPM's one retry rule, used by the client's own retry stage and by the <c>IHttpClientFactory</c> resilience
/// handler alike (<see cref="XpmResilienceExtensions"/>). A 429 is sent again for every method (XPM did not process
/// it); a 503, a timeout or a reset only for reads, because XPM has no idempotency key and a repeated
/// <c>POST job.api/add</c> creates a second job; a connection that never opened for every method.
/// </summary>
internal static class XpmRetryRule
{
    /// <summary>Whether an attempt that ended with <paramref name="status"/> or <paramref name="failure"/> may be sent again.</summary>
    /// <param name="status">The response status, or <see langword="null"/> when no response arrived.</param>
    /// <param name="failure">How it failed without a response.</param>
    /// <param name="idempotent">Whether the request is a read.</param>
    /// <param name="retryAfter">The response's <c>Retry-After</c>.</param>
    /// <param name="maxRetryAfter">The longest <c>Retry-After</c> waited out.</param>
    public static bool ShouldRetry(HttpStatusCode? status, XpmFailureKind failure, bool idempotent, TimeSpan? retryAfter, TimeSpan maxRetryAfter)
    {
        var waitable = retryAfter is not { } wait || wait <= maxRetryAfter;
        return status switch
        {
            HttpStatusCode.TooManyRequests => waitable,
            HttpStatusCode.ServiceUnavailable => idempotent && waitable,
            not null => false,
            null => failure switch
            {
                XpmFailureKind.NotSent => true,
                XpmFailureKind.MayHaveBeenDelivered or XpmFailureKind.TimedOut => idempotent,
                _ => false,
            },
        };
    }

    /// <summary>Classifies an exception from the transport or from inside an <see cref="HttpClient"/> pipeline.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="callerCancelled">Whether the caller's token was cancelled (then nothing is retried).</param>
    public static XpmFailureKind Classify(Exception? exception, bool callerCancelled)
    {
        if (exception is null || callerCancelled)
        {
            return XpmFailureKind.Other;
        }

        return exception switch
        {
            XpmConnectionException { MayHaveBeenProcessed: false } => XpmFailureKind.NotSent,
            XpmConnectionException { TimedOut: true } => XpmFailureKind.TimedOut,
            XpmConnectionException => XpmFailureKind.MayHaveBeenDelivered,

            // A handler inside the HttpClient tried to send a write again; it ends as the attempt that was sent did.
            XpmResendRefusedException refused => refused.First,
            HttpRequestException request => WasNotSent(request) ? XpmFailureKind.NotSent : XpmFailureKind.MayHaveBeenDelivered,
            TimeoutRejectedException => XpmFailureKind.TimedOut,

            // An open circuit sent nothing, but sending again at once would only meet the open circuit.
            BrokenCircuitException => XpmFailureKind.Other,

            // Not the caller's token: HttpClient.Timeout or an attempt timeout.
            OperationCanceledException => XpmFailureKind.TimedOut,
            _ => XpmFailureKind.Other,
        };
    }

    /// <summary>Whether a failed send never left this machine, so repeating it cannot write twice.</summary>
    public static bool WasNotSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
}
