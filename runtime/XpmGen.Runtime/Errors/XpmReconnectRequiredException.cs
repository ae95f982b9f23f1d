namespace XpmGen;

/// <summary>
/// Xero refused the refresh token (<c>invalid_grant</c>): it expired after 60 days unused, was revoked, or
/// was already used by another refresh (refresh tokens rotate, and a set refreshed from two places breaks).
/// Retrying cannot help: the user must connect the practice again through the authorization flow.
/// </summary>
public sealed class XpmReconnectRequiredException : XpmException
{
    internal XpmReconnectRequiredException(string message, XpmErrorContext context, string? errorDescription)
        : base(message, context, innerException: null)
    {
        ErrorDescription = errorDescription;
    }

    /// <summary>The identity service's <c>error_description</c>, when it gave one.</summary>
    public string? ErrorDescription { get; }
}
