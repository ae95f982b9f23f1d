using System;

namespace XpmGen;

/// <summary>
/// HTTP 503: Xero or XPM is temporarily unavailable (maintenance, overload; historically also a rate limit).
/// The call may succeed later; reads can be retried after <see cref="RetryAfter"/> or a back-off.
/// </summary>
public sealed class XpmServiceUnavailableException : XpmException
{
    internal XpmServiceUnavailableException(string message, XpmErrorContext context, string? detail, TimeSpan? retryAfter)
        : base(message, context, innerException: null)
    {
        Detail = detail;
        RetryAfter = retryAfter;
    }

    /// <summary>The <c>Detail</c> of the gateway's JSON problem body, when it sent one.</summary>
    public string? Detail { get; }

    /// <summary>The <c>Retry-After</c> header as a delay, when the response carried one.</summary>
    public TimeSpan? RetryAfter { get; }
}
