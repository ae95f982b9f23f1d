namespace XpmGen;

/// <summary>
/// HTTP 401: the Xero gateway did not accept the access token; it is missing, malformed, revoked or
/// expired (access tokens live 30 minutes). The message carries the gateway's <c>Detail</c>, for example
/// <c>TokenExpired: token expired at …</c>. Refresh the token and send the request again.
/// </summary>
public sealed class XpmUnauthorizedException : XpmException
{
    internal XpmUnauthorizedException(string message, XpmErrorContext context, string? detail)
        : base(message, context, innerException: null)
    {
        Detail = detail;
    }

    /// <summary>The <c>Detail</c> of the gateway's JSON problem body, for example <c>TokenExpired: token expired at …</c>.</summary>
    public string? Detail { get; }
}
