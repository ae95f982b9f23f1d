namespace XpmGen;

/// <summary>
/// Xero's identity service refused a token request for a reason other than an unusable refresh token
/// (that is <see cref="XpmReconnectRequiredException"/>), for example <c>invalid_client</c> (wrong client id or
/// secret) or a failure of the service itself.
/// </summary>
public sealed class XpmOAuthException : XpmException
{
    internal XpmOAuthException(string message, XpmErrorContext context, string? error, string? errorDescription)
        : base(message, context, innerException: null)
    {
        Error = error;
        ErrorDescription = errorDescription;
    }

    /// <summary>The OAuth <c>error</c> code, such as <c>invalid_client</c>, when the service gave one.</summary>
    public string? Error { get; }

    /// <summary>The OAuth <c>error_description</c>, when the service gave one.</summary>
    public string? ErrorDescription { get; }
}
