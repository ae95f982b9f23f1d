using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;

namespace XpmGen.Auth;

/// <summary>
/// Keeps each token set in its own file, protected with ASP.NET Core Data Protection: for apps that already manage
/// their keys that way (rotated, persisted to a shared folder, a database or a key vault, encrypted at rest), so that
/// the tokens need no key of their own. Each connection key is its own protection purpose, so a file copied to another
/// connection's name, modified, or protected under keys the app no longer has fails with
/// <see cref="XpmTokenStoreException"/>; its contents are never returned in the clear. Saves are atomic, and
/// file-system faults are <see cref="XpmTokenStoreException"/>s too (the file handling is the AES-GCM store's).
/// </summary>
public sealed class DataProtectionXpmTokenStore : IXpmTokenStore
{
    /// <summary>The root purpose of the protector; the connection key is a sub-purpose.</summary>
    public const string Purpose = "XpmGen.Auth.DataProtectionXpmTokenStore.v1";

    private readonly IDataProtector _protector;
    private readonly string _directory;

    /// <summary>Creates a store that keeps its files in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="provider">The app's Data Protection provider, for example from <c>services.AddDataProtection()</c>.</param>
    /// <param name="directory">The folder of the token files.</param>
    public DataProtectionXpmTokenStore(IDataProtectionProvider provider, string directory)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _protector = provider.CreateProtector(Purpose);
        _directory = Path.GetFullPath(directory);
    }

    /// <summary>The file that holds the token set of <paramref name="key"/>; its name is a hash, so keys may hold any character.</summary>
    /// <param name="key">The connection key.</param>
    /// <returns>The full path of the file.</returns>
    public string GetPath(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(_directory, hash + ".xpmdp");
    }

    /// <inheritdoc />
    /// <exception cref="XpmTokenStoreException">The file was modified, belongs to another connection, or was protected under keys the app does not have.</exception>
    public async ValueTask<XpmTokenSet?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var path = GetPath(key);
        if (await XpmTokenFile.ReadAsync(path, cancellationToken).ConfigureAwait(false) is not { } data)
        {
            return null;
        }

        return XpmTokenSetFormat.Unprotect(data, _protector, key, $"The token file '{path}'");
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string key, XpmTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var path = GetPath(key);
        var data = XpmTokenSetFormat.Protect(tokens, _protector, key);
        await XpmTokenFile.WriteAsync(path, data, cancellationToken).ConfigureAwait(false);
    }
}
