using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;

namespace XpmGen.Cli.Auth;

/// <summary>
/// The login's <see cref="EncryptedFileXpmTokenStore"/>, with each saved file (a login's, or a refresh's rotated set)
/// made readable only by the user, and its folder created with mode 0700 first. The files are encrypted either way; this
/// keeps even the ciphertext from other users.
/// </summary>
internal sealed class PrivateTokenStore : IXpmTokenStore
{
    private readonly EncryptedFileXpmTokenStore _inner;
    private readonly Action _createDirectory;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="createDirectory"/> makes its folder, privately, before a save.</summary>
    public PrivateTokenStore(EncryptedFileXpmTokenStore inner, Action createDirectory)
    {
        _inner = inner;
        _createDirectory = createDirectory;
    }

    /// <summary>The file that holds the token set of <paramref name="key"/>.</summary>
    public string GetPath(string key) => _inner.GetPath(key);

    /// <inheritdoc />
    public ValueTask<XpmTokenSet?> LoadAsync(string key, CancellationToken cancellationToken) => _inner.LoadAsync(key, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveAsync(string key, XpmTokenSet tokens, CancellationToken cancellationToken)
    {
        _createDirectory();
        await _inner.SaveAsync(key, tokens, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_inner.GetPath(key), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
