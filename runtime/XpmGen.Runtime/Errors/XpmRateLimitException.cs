using System;

namespace XpmGen;

/// <summary>
/// HTTP 429: a Xero rate limit was exceeded (per practice: 5 concurrent calls, 60 a minute and a daily
/// allowance; per app: 10,000 a minute). Wait <see cref="RetryAfter"/> before calling again.
/// </summary>
public sealed class XpmRateLimitException : XpmException
{
    internal XpmRateLimitException(string message, XpmErrorContext context, TimeSpan? retryAfter, string? limitProblem, XpmRateLimitStatus? remaining = null)
        : base(message, context, innerException: null)
    {
        RetryAfter = retryAfter;
        LimitProblem = limitProblem;
        Remaining = remaining;
    }

    /// <summary>
    /// The limit figures XPM reported with the refusal (<c>X-MinLimit-Remaining</c>, <c>X-DayLimit-Remaining</c>,
    /// <c>X-AppMinLimit-Remaining</c>), or the last ones known when the client refused the call itself.
    /// </summary>
    public XpmRateLimitStatus? Remaining { get; }

    /// <summary>
    /// How long to wait, from the <c>Retry-After</c> header (seconds, or an HTTP date turned into the time
    /// left until it); <see langword="null"/> when the header is absent.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The <c>X-Rate-Limit-Problem</c> header as sent, naming the limit that was hit. Observed values are
    /// <c>minute</c> and <c>day</c> (compare without regard to case); other values are kept as they are.
    /// When the client refused the call before sending it, <c>day</c> (no calls left today) or <c>queue</c>
    /// (too many calls already waiting).
    /// </summary>
    public string? LimitProblem { get; }
}
