using System.Collections.Generic;

namespace XpmGen;

/// <summary>
/// HTTP 403: the token is valid but may not call this endpoint for this practice. Either the
/// <c>xero-tenant-id</c> names a practice the token is not connected to, or the token was granted none of the
/// scopes the endpoint accepts (<see cref="AcceptedScopes"/>). Practice Manager scopes are only granted to apps
/// that Xero has approved for Practice Manager API access.
/// </summary>
public sealed class XpmForbiddenException : XpmException
{
    internal XpmForbiddenException(string message, XpmErrorContext context, string? detail, IReadOnlyList<string> acceptedScopes)
        : base(message, context, innerException: null)
    {
        Detail = detail;
        AcceptedScopes = acceptedScopes;
    }

    /// <summary>The <c>Detail</c> of the gateway's JSON problem body, for example <c>AuthenticationUnsuccessful</c>.</summary>
    public string? Detail { get; }

    /// <summary>The OAuth scopes of which any one grants the endpoint (empty when the endpoint is unknown).</summary>
    public IReadOnlyList<string> AcceptedScopes { get; }
}
