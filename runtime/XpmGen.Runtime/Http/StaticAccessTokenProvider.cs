using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen;

/// <summary>
/// Supplies one fixed access token, for scripts and tests. Xero access tokens expire after 30 minutes;
/// long-running applications should implement <see cref="IXpmAccessTokenProvider"/> with a refresh.
/// </summary>
public sealed class StaticAccessTokenProvider : IXpmAccessTokenProvider
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _accessToken;

    /// <summary>Creates a provider that always returns <paramref name="accessToken"/>.</summary>
    /// <param name="accessToken">The OAuth 2.0 access token, without the <c>Bearer</c> prefix.</param>
    /// <exception cref="ArgumentException">The token is <see langword="null"/>, empty or white space.</exception>
    public StaticAccessTokenProvider(string accessToken)
    {
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw new ArgumentException("The access token must not be null, empty or white space.", nameof(accessToken));
        }

        _accessToken = accessToken.Trim();
    }

    /// <inheritdoc />
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<string>(_accessToken);
    }

    /// <summary>Returns the type name; the token is never shown.</summary>
    public override string ToString() => nameof(StaticAccessTokenProvider) + " (token hidden)";
}
