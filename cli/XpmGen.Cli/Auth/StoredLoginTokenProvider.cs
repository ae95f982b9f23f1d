using System;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;

namespace XpmGen.Cli.Auth;

/// <summary>
/// The access token of the stored login: <see cref="XpmRefreshingAccessTokenProvider"/> over the encrypted store (it
/// refreshes ahead of expiry and saves the rotated set before using it), with its failures turned into what the
/// user must do next.
/// </summary>
internal sealed class StoredLoginTokenProvider : IXpmAccessTokenProvider, IDisposable
{
    private readonly XpmRefreshingAccessTokenProvider _inner;

    /// <summary>Creates the provider over <paramref name="store"/>'s token set.</summary>
    public StoredLoginTokenProvider(XpmOAuthClient oauth, IXpmTokenStore store)
    {
        _inner = new XpmRefreshingAccessTokenProvider(oauth, store, LoginStore.TokenKey);
    }

    /// <inheritdoc />
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (XpmReconnectRequiredException ex)
        {
            // invalid_grant: expired after 60 days unused, revoked, or rotated by another copy of the login.
            throw new LoginRequiredException(
                "The stored login no longer works: the identity service refused its refresh token (expired, revoked or used elsewhere). Run xpm login again.",
                ex);
        }
        catch (XpmTokenStoreException ex)
        {
            throw new LoginRequiredException("The stored tokens cannot be read (the key file does not match them, or they were modified). Run xpm login again.", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();
}
