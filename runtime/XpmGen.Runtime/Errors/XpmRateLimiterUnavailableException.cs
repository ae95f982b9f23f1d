using System;

namespace XpmGen;

/// <summary>
/// A rate limiter whose counts live in a store shared by many instances (the XpmGen.Redis package) could not reach it,
/// and no fallback to local limits was configured, so the call was not sent: sending it without the shared counts could
/// exceed XPM's limits. The message names the store operation that failed; it holds no token and no key value.
/// </summary>
public sealed class XpmRateLimiterUnavailableException : XpmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The store's own exception, if any.</param>
    public XpmRateLimiterUnavailableException(string message, Exception? innerException = null)
        : base(message, new XpmErrorContext(null, null, null, null, null, null), innerException)
    {
    }
}
