using System;

namespace XpmGen;

/// <summary>
/// HTTP 429: a Xero rate limit was exceeded (per practice: 5 concurrent calls, 60 a minute and a daily
/// allowance; per app: 10,000 a minute). Wait <see cref="RetryAfter"/> before calling again.
/// </summary>
public sealed class XpmRateLimitException : XpmException
{
    internal XpmRateLimitException(string message, XpmErrorContext context, TimeSpan? retryAfter, string? limitProblem)
        : base(message, context, innerException: null)
    {
        RetryAfter = retryAfter;
        LimitProblem = limitProblem;
    }

    /// <summary>
    /// How long to wait, from the <c>Retry-After</c> header (seconds, or an HTTP date turned into the time
    /// left until it); <see langword="null"/> when the header is absent.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The <c>X-Rate-Limit-Problem</c> header as sent, naming the limit that was hit. Observed values are
    /// <c>minute</c> and <c>day</c> (compare without regard to case); other values are kept as they are.
    /// </summary>
    public string? LimitProblem { get; }
}
