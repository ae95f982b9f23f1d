using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Auth;

/// <summary>
/// Persists the token set of each connection. Xero rotates the refresh token on every refresh, so the new set
/// must be saved before it is used: a set that is used but lost leaves the connection unusable.
/// </summary>
public interface IXpmTokenStore
{
    /// <summary>Loads the token set saved under <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="key">Identifies the connection, for example the user or tenant it belongs to.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    ValueTask<XpmTokenSet?> LoadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="tokens"/> under <paramref name="key"/>, replacing what was there; completes once it is durable.</summary>
    /// <param name="key">Identifies the connection.</param>
    /// <param name="tokens">The token set to keep.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    ValueTask SaveAsync(string key, XpmTokenSet tokens, CancellationToken cancellationToken);
}
