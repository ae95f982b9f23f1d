using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace XpmGen.Auth;

/// <summary>
/// The serialized form of a token set (UTF-8 JSON, the one the file stores encrypt), and its Data Protection envelope,
/// for every store that keeps token sets as bytes: the file stores here and stores in other packages (Redis).
/// </summary>
public static class XpmTokenSetFormat
{
    /// <summary>Serializes <paramref name="tokens"/>; the result holds the tokens in the clear.</summary>
    /// <param name="tokens">The token set.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Serialize(XpmTokenSet tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return EncryptedFileXpmTokenStore.Serialize(tokens);
    }

    /// <summary>Reads a token set written by <see cref="Serialize"/>.</summary>
    /// <param name="data">UTF-8 JSON.</param>
    /// <returns>The token set.</returns>
    /// <exception cref="XpmTokenStoreException">The data does not hold a token set.</exception>
    public static XpmTokenSet Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return EncryptedFileXpmTokenStore.Deserialize(data);
    }

    /// <summary>
    /// Serializes <paramref name="tokens"/> and protects them for the connection <paramref name="key"/>, so that the
    /// bytes of one connection cannot be read as another's; the clear JSON is wiped once protected.
    /// </summary>
    /// <param name="tokens">The token set.</param>
    /// <param name="protector">The store's protector (its own purpose); <paramref name="key"/> is added as a sub-purpose.</param>
    /// <param name="key">The connection the set belongs to.</param>
    /// <returns>The protected bytes.</returns>
    public static byte[] Protect(XpmTokenSet tokens, IDataProtector protector, string key)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var plain = Serialize(tokens);
        try
        {
            return protector.CreateProtector(key).Protect(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Reads a token set written by <see cref="Protect"/> for the connection <paramref name="key"/>; the clear JSON is wiped once read.</summary>
    /// <param name="data">The protected bytes.</param>
    /// <param name="protector">The store's protector, as given to <see cref="Protect"/>.</param>
    /// <param name="key">The connection the set belongs to.</param>
    /// <param name="source">Where the bytes came from, for the message, such as <c>The token file '/path'</c>.</param>
    /// <returns>The token set.</returns>
    /// <exception cref="XpmTokenStoreException">The bytes cannot be unprotected, or do not hold a token set.</exception>
    public static XpmTokenSet Unprotect(byte[] data, IDataProtector protector, string key, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(protector);
        byte[] plain;
        try
        {
            plain = protector.CreateProtector(key).Unprotect(data);
        }
        catch (CryptographicException ex)
        {
            throw new XpmTokenStoreException(
                $"{source} could not be unprotected: it was modified, belongs to another connection, was stored unprotected, or was protected under Data Protection keys this app does not have.",
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
}
