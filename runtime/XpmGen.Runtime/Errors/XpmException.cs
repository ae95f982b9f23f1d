using System;
using System.Net;
using System.Net.Http;

namespace XpmGen;

/// <summary>
/// The base of every error an <see cref="XpmClient"/> reports about a response: the API said
/// <c>ERROR</c>, the gateway refused the call, or the body was not the XML XPM promises.
/// </summary>
/// <remarks>
/// <para>
/// Every message names the method, the path and, when a response arrived, the HTTP status, for example
/// <c>GET client.api/get/0f3c… returned HTTP 500 (InternalServerError)</c>. <see cref="Path"/> is the
/// relative path <em>without</em> its query string: queries carry search terms and opaque page tokens,
/// which do not belong in logs.
/// </para>
/// <para>
/// Messages, <see cref="ResponseExcerpt"/> and <see cref="Exception.ToString"/> never contain the access token:
/// the client redacts it even when a server echoes it back.
/// </para>
/// <para>
/// A connection that fails without a response (refused, reset, DNS, TLS) is an <see cref="XpmConnectionException"/>,
/// after the retries that are safe (see <see cref="XpmRetryOptions"/>); so is a stall before or after the headers
/// that outlasts <see cref="XpmClientOptions.AttemptTimeout"/> or the <see cref="HttpClient"/>'s timeout
/// (<see cref="XpmConnectionException.TimedOut"/>). Only the caller's own token yields an <see cref="System.OperationCanceledException"/>.
/// </para>
/// </remarks>
public abstract class XpmException : Exception
{
    private protected XpmException(string message, XpmErrorContext context, Exception? innerException)
        : base(message, innerException)
    {
        Endpoint = context.Endpoint;
        Method = context.Method;
        Path = context.Path;
        StatusCode = context.StatusCode;
        CorrelationId = context.CorrelationId;
        ResponseExcerpt = context.ResponseExcerpt;
    }

    /// <summary>The endpoint that was called, when known; its <see cref="XpmEndpoint.IsIdempotent"/> tells whether a retry is safe.</summary>
    public XpmEndpoint? Endpoint { get; }

    /// <summary>The HTTP method of the request.</summary>
    public HttpMethod? Method { get; }

    /// <summary>The path of the request relative to the base address, without the query string, for example <c>client.api/get/0f3c…</c>.</summary>
    public string? Path { get; }

    /// <summary>The HTTP status of the response; <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>xero-correlation-id</c> response header, which Xero support asks for.</summary>
    public string? CorrelationId { get; }

    /// <summary>
    /// The start of the response body (about 500 characters, white space collapsed, the access token redacted)
    /// when the body was not the expected XML or the status was not a success; otherwise <see langword="null"/>.
    /// </summary>
    public string? ResponseExcerpt { get; }
}

/// <summary>What every <see cref="XpmException"/> knows about the exchange that failed.</summary>
internal sealed record XpmErrorContext(
    XpmEndpoint? Endpoint,
    HttpMethod? Method,
    string? Path,
    HttpStatusCode? StatusCode,
    string? CorrelationId,
    string? ResponseExcerpt);
