using System;
using System.Diagnostics;

namespace XpmGen.Auth;

/// <summary>
/// The start of an authorization-code flow with PKCE: the URL to send the user to, and the state and code
/// verifier to keep until Xero redirects back. <see cref="ToString"/> does not show the verifier.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class XpmAuthorizationRequest
{
    internal XpmAuthorizationRequest(Uri authorizeUri, string state, string codeVerifier)
    {
        AuthorizeUri = authorizeUri;
        State = state;
        CodeVerifier = codeVerifier;
    }

    /// <summary>The URL of Xero's consent page, with client id, redirect URI, scopes, state and the S256 code challenge.</summary>
    public Uri AuthorizeUri { get; }

    /// <summary>The state sent to Xero; check that the redirect carries the same value before exchanging the code.</summary>
    public string State { get; }

    /// <summary>The PKCE code verifier; pass it to <see cref="XpmOAuthClient.ExchangeCodeAsync"/>. Keep it secret.</summary>
    public string CodeVerifier { get; }

    /// <summary>Shows the authorize URL (it carries only the challenge), not the verifier.</summary>
    public override string ToString() => "XpmAuthorizationRequest " + AuthorizeUri;
}
