using System;

namespace XpmGen.Auth;

/// <summary>
/// A token store could not load or save a token set: an encrypted file was modified, belongs to another key,
/// or was encrypted with another key. The message names the file; it never contains token values.
/// </summary>
public sealed class XpmTokenStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="innerException">The cause, if any.</param>
    public XpmTokenStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
