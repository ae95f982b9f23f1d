namespace XpmGen;

/// <summary>
/// XPM answered with <c>&lt;Status&gt;ERROR&lt;/Status&gt;</c>: the request reached the API and was refused,
/// for example <c>Invalid job identifier</c>. XPM sends these with HTTP 200 as well as with error statuses
/// such as 500, so <see cref="XpmException.StatusCode"/> may be <see cref="System.Net.HttpStatusCode.OK"/>.
/// </summary>
public sealed class XpmApiException : XpmException
{
    internal XpmApiException(string message, XpmErrorContext context, string? errorDescription, string? apiMethod)
        : base(message, context, innerException: null)
    {
        ErrorDescription = errorDescription;
        ApiMethod = apiMethod;
    }

    /// <summary>The <c>ErrorDescription</c> element of the response, for example <c>Invalid state code</c>.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The <c>api-method</c> attribute of the <c>&lt;Response&gt;</c> element, for example <c>State</c>.</summary>
    public string? ApiMethod { get; }
}
