namespace XpmGen;

/// <summary>
/// The connection to XPM failed and no response arrived. When <see cref="MayHaveBeenProcessed"/> is true the
/// request had been sent: XPM may have carried it out, and since XPM has no idempotency key the client did not
/// send a write again. Check the state in XPM before repeating it.
/// </summary>
public sealed class XpmConnectionException : XpmException
{
    internal XpmConnectionException(string message, XpmErrorContext context, bool mayHaveBeenProcessed, System.Exception innerException)
        : base(message, context, innerException)
    {
        MayHaveBeenProcessed = mayHaveBeenProcessed;
    }

    /// <summary>Whether the request left this machine before the connection failed, so XPM may have processed it.</summary>
    public bool MayHaveBeenProcessed { get; }
}
