using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Auth;

/// <summary>
/// Keeps each token set in its own file, encrypted at rest with AES-GCM under a 256-bit key the application
/// supplies (from a secret store, not from source code). A file that was modified, renamed to another
/// connection's name, or encrypted under another key fails with <see cref="XpmTokenStoreException"/>; its
/// contents are never returned in the clear. Saves are atomic: a crash leaves the old file or the new one, and the
/// temporary file a killed process leaves is deleted by the next load or save of that key. File-system faults are
/// <see cref="XpmTokenStoreException"/>s too.
/// </summary>
public sealed class EncryptedFileXpmTokenStore : IXpmTokenStore
{
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const byte FormatVersion = 1;
    private static readonly byte[] Magic = "XPMT"u8.ToArray();
    private static readonly int HeaderSize = Magic.Length + 1 + NonceSize + TagSize;


    private readonly string _directory;
    private readonly byte[] _key;

    /// <summary>Creates a store that keeps its files in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">The folder of the token files.</param>
    /// <param name="key">The 256-bit AES key; the store keeps a copy.</param>
    /// <exception cref="ArgumentException">The key is not 32 bytes long.</exception>
    public EncryptedFileXpmTokenStore(string directory, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"The key must be {KeySize} bytes (AES-256); it is {key.Length}.", nameof(key));
        }

        _directory = Path.GetFullPath(directory);
        _key = key.ToArray();
    }

    /// <summary>The file that holds the token set of <paramref name="key"/>; its name is a hash, so keys may hold any character.</summary>
    public string GetPath(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(_directory, hash + ".xpmtoken");
    }

    /// <inheritdoc />
    /// <exception cref="XpmTokenStoreException">The file is not a token file, was modified, or was encrypted under another key.</exception>
    public async ValueTask<XpmTokenSet?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var path = GetPath(key);
        var data = await XpmTokenFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return data is null ? null : Decrypt(key, path, data);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string key, XpmTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return XpmTokenFile.WriteAsync(GetPath(key), Encrypt(key, tokens), cancellationToken);
    }

    // Spans cannot live in async methods (C# 12, the oldest compiler the package supports), so the crypto is here.
    private XpmTokenSet Decrypt(string key, string path, byte[] data)
    {
        if (data.Length < HeaderSize || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic) || data[Magic.Length] != FormatVersion)
        {
            throw new XpmTokenStoreException($"The file '{path}' is not an XpmGen token file (version {FormatVersion}).");
        }

        var nonce = data.AsSpan(Magic.Length + 1, NonceSize);
        var tag = data.AsSpan(Magic.Length + 1 + NonceSize, TagSize);
        var cipher = data.AsSpan(HeaderSize);
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(nonce, cipher, tag, plain, AssociatedData(key));
        }
        catch (CryptographicException ex)
        {
            throw new XpmTokenStoreException(
                $"The token file '{path}' could not be decrypted: the key is not the one it was saved with, or the file was modified or belongs to another connection.",
                ex);
        }

        try
        {
            return Deserialize(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private byte[] Encrypt(string key, XpmTokenSet tokens)
    {
        var plain = Serialize(tokens);
        var data = new byte[HeaderSize + plain.Length];
        Magic.CopyTo(data, 0);
        data[Magic.Length] = FormatVersion;
        var nonce = data.AsSpan(Magic.Length + 1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Encrypt(nonce, plain, data.AsSpan(HeaderSize), data.AsSpan(Magic.Length + 1 + NonceSize, TagSize), AssociatedData(key));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        return data;
    }

    // Binding the connection key into the authentication tag makes a file copied to another key's name fail.
    private static byte[] AssociatedData(string key) => Encoding.UTF8.GetBytes("XpmGen token file v1\n" + key);

    internal static byte[] Serialize(XpmTokenSet tokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("accessToken", tokens.AccessToken);
            if (tokens.RefreshToken is not null)
            {
                writer.WriteString("refreshToken", tokens.RefreshToken);
            }

            writer.WriteNumber("expiresAt", tokens.ExpiresAt.ToUnixTimeMilliseconds());
            if (tokens.Scope is not null)
            {
                writer.WriteString("scope", tokens.Scope);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static XpmTokenSet Deserialize(byte[] plain)
    {
        try
        {
            using var document = JsonDocument.Parse(plain);
            var root = document.RootElement;
            return new XpmTokenSet(
                root.GetProperty("accessToken").GetString()!,
                root.TryGetProperty("refreshToken", out var refresh) ? refresh.GetString() : null,
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("expiresAt").GetInt64()),
                root.TryGetProperty("scope", out var scope) ? scope.GetString() : null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new XpmTokenStoreException("A token file decrypted but does not hold a token set.", ex);
        }
    }
}
