using System;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Auth;

/// <summary>
/// A token store that several processes share can also make its refreshes single-flight across them: an
/// <see cref="XpmRefreshingAccessTokenProvider"/> whose store implements this takes the connection's refresh lease
/// before a refresh, re-reads the stored set under it (another process may have rotated it already, and then that set
/// is used and no token request is made), refreshes, saves the rotated set through the lease, and only then releases it.
/// </summary>
public interface IXpmTokenRefreshCoordinator
{
    /// <summary>
    /// Waits for the refresh lease of <paramref name="key"/> (one holder at a time across every process); the lease
    /// expires by itself when its holder dies. Completes with an exception, never hangs, when it is not had in time.
    /// </summary>
    /// <param name="key">The store key of the connection.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease; dispose it to release it.</returns>
    /// <exception cref="XpmTokenStoreException">The lease could not be had: the store is unreachable or the wait timed out.</exception>
    ValueTask<IXpmTokenRefreshLease> AcquireRefreshLeaseAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The refresh lease of one connection, with the fencing token that keeps a holder whose lease expired from overwriting a newer set.</summary>
public interface IXpmTokenRefreshLease : IAsyncDisposable
{
    /// <summary>The fencing token: larger for every lease given out on the connection.</summary>
    long FencingToken { get; }

    /// <summary>
    /// Saves <paramref name="tokens"/> if this lease is still the connection's current one and no set saved under a
    /// later lease is stored (an atomic compare-and-set); otherwise saves nothing.
    /// </summary>
    /// <param name="tokens">The rotated token set.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns><see langword="true"/> when saved; <see langword="false"/> when the lease was lost to a later holder.</returns>
    /// <exception cref="XpmTokenStoreException">The store failed.</exception>
    ValueTask<bool> TrySaveAsync(XpmTokenSet tokens, CancellationToken cancellationToken);
}
