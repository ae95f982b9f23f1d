using System;
using System.Collections.Generic;
using System.Net.Http;

namespace XpmGen;

/// <summary>
/// A request to XPM, fully built but not sent: the endpoint, the concrete path, the query, the XML
/// body if any, and how to read the payload of the response. Request builders (for example
/// <c>ClientRequests.List()</c>) create these values without doing any I/O; <see cref="XpmClient"/>
/// sends them.
/// </summary>
/// <typeparam name="TResponse">The type the response payload is read into.</typeparam>
public sealed class XpmRequest<TResponse>
{
    /// <summary>Creates a request.</summary>
    /// <param name="endpoint">The endpoint the request calls.</param>
    /// <param name="path">The path under the base address with the placeholders filled in and escaped.</param>
    /// <param name="query">The query parameters, already formatted in XPM's wire formats.</param>
    /// <param name="body">The XML body, or <see langword="null"/> when the request has none.</param>
    /// <param name="responseReader">Reads the payload of the response envelope.</param>
    public XpmRequest(
        XpmEndpoint endpoint,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> query,
        XpmRequestBody? body,
        XpmResponseReader<TResponse> responseReader)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(responseReader);
        Endpoint = endpoint;
        Path = path;
        Query = query;
        Body = body;
        ResponseReader = responseReader;
    }

    /// <summary>The endpoint the request calls.</summary>
    public XpmEndpoint Endpoint { get; }

    /// <summary>The HTTP method (the endpoint's).</summary>
    public HttpMethod Method => Endpoint.Method;

    /// <summary>The path under the base address, placeholders filled in and escaped, for example <c>client.api/get/0f3c...</c>.</summary>
    public string Path { get; }

    /// <summary>The query parameters in XPM's wire formats, in the order they are sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    /// <summary>The XML body, or <see langword="null"/> when the request has none.</summary>
    public XpmRequestBody? Body { get; }

    /// <summary>Reads the payload of the response envelope.</summary>
    public XpmResponseReader<TResponse> ResponseReader { get; }

    /// <summary>The relative URI of the request: the path followed by the escaped query string.</summary>
    public string RelativeUri => XpmQuery.AppendTo(Path, Query);

    /// <summary>Returns <c>METHOD relative-uri</c>.</summary>
    public override string ToString() => $"{Method.Method} {RelativeUri}";
}
