using System;
using System.Net.Http;

namespace XpmGen.Pipeline;

/// <summary>
/// One call on its way through the send stages: what is sent (fixed when the call starts) and what the
/// stages learn on the way (the token, the last status and correlation id, how many attempts were made).
/// </summary>
internal sealed class XpmCall(XpmEndpoint endpoint, string path, Uri requestUri, byte[]? body, string? tenantId, bool streamed)
{
    private string? _correlationId;
    private XpmErrorContext? _sendContext;

    /// <summary>The endpoint called; its method tells whether the call may be sent twice.</summary>
    public XpmEndpoint Endpoint { get; } = endpoint;

    public HttpMethod Method => Endpoint.Method;

    /// <summary>The path without the query, for messages and logs (queries may carry personal data).</summary>
    public string Path { get; } = path;

    public Uri RequestUri { get; } = requestUri;

    /// <summary>The serialized XML body, sent as is by every attempt.</summary>
    public byte[]? Body { get; } = body;

    public string? TenantId { get; } = tenantId;

    /// <summary>Whether a success body is handed to the caller as a stream instead of being buffered by the transport.</summary>
    public bool Streamed { get; } = streamed;

    /// <summary>The bearer token, set by the credential stage; redacted from every message.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>Attempts that reached the transport.</summary>
    public int Attempts { get; set; }

    /// <summary>The status of the last attempt's response, for logs and metrics; <see langword="null"/> when it got none.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The correlation id of the last response; withheld when it is not a plain id or echoes the token.</summary>
    public string? CorrelationId
    {
        get => _correlationId;
        set => _correlationId = Http.XpmResponseHeaders.SafeCorrelationId(value, AccessToken);
    }

    /// <summary>Describes the call for messages: <c>GET client.api/list</c>.</summary>
    public string Describe() => Method.Method + " " + Path;

    /// <summary>The context of the call before any response (what the limiter names in a refusal); built once per call.</summary>
    public XpmErrorContext SendContext => _sendContext ??= Context();

    public XpmErrorContext Context(HttpResponseMessage? response = null, string? excerpt = null) =>
        new(Endpoint, Method, Path, response?.StatusCode, Http.XpmResponseHeaders.CorrelationId(response, AccessToken), excerpt);
}
