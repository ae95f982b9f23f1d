namespace XpmGen;

/// <summary>
/// The connection to XPM failed or stalled and no complete response arrived. When <see cref="MayHaveBeenProcessed"/>
/// is true the request had been sent: XPM may have carried it out, and since XPM has no idempotency key the client
/// did not send a write again. Check the state in XPM before repeating it.
/// </summary>
public sealed class XpmConnectionException : XpmException
{
    internal XpmConnectionException(string message, XpmErrorContext context, bool mayHaveBeenProcessed, System.Exception innerException, bool timedOut = false)
        : base(message, context, innerException)
    {
        MayHaveBeenProcessed = mayHaveBeenProcessed;
        TimedOut = timedOut;
    }

    /// <summary>Whether the request left this machine before the connection failed, so XPM may have processed it.</summary>
    public bool MayHaveBeenProcessed { get; }

    /// <summary>
    /// Whether the attempt ran out of time (<see cref="XpmClientOptions.AttemptTimeout"/>, or the
    /// <see cref="System.Net.Http.HttpClient"/>'s or a resilience handler's timeout): the headers or the rest of the
    /// body did not arrive in time. The caller's own cancellation is an <see cref="System.OperationCanceledException"/> instead.
    /// </summary>
    public bool TimedOut { get; }
}
