namespace XpmGen;

/// <summary>
/// A non-success HTTP status that no more specific exception describes, for example a 500 with an HTML
/// error page, a 400 or a 404, whose body is not an XPM <c>ERROR</c> envelope.
/// </summary>
public sealed class XpmHttpException : XpmException
{
    internal XpmHttpException(string message, XpmErrorContext context, string? detail)
        : base(message, context, innerException: null)
    {
        Detail = detail;
    }

    /// <summary>The <c>Detail</c> of a JSON problem body, when the response carried one.</summary>
    public string? Detail { get; }
}
