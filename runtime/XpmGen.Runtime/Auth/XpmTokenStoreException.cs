using System;

namespace XpmGen.Auth;

/// <summary>
/// A token store could not load or save a token set: an encrypted file was modified, belongs to another key,
/// was encrypted with another key, or the file system refused (a path that is a directory, no permission, a full
/// disk). It is an <see cref="XpmException"/>, so a caller that catches those sees store faults too. The message
/// names the file; it never contains token values.
/// </summary>
public sealed class XpmTokenStoreException : XpmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="innerException">The cause, if any.</param>
    public XpmTokenStoreException(string message, Exception? innerException = null)
        : base(message, new XpmErrorContext(null, null, null, null, null, null), innerException)
    {
    }
}
