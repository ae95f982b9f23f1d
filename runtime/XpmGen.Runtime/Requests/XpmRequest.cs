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
    /// <summary>The query parameter of <see cref="WithFields"/>, as Xero's OpenAPI names it.</summary>
    private const string FieldsParameter = "fields";

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

    /// <summary>
    /// Returns the same request asking XPM for only the named fields: a comma-separated <c>fields</c> query parameter
    /// (<c>fields=UUID,Name</c>), replacing any earlier one. The request it is called on is left unchanged.
    /// </summary>
    /// <remarks>
    /// Uncertain: Xero's OpenAPI description of XPM puts <c>fields</c> on every operation, but XPM's XML documentation
    /// does not mention it, so whether XPM honours it (and how field names are spelled) is not confirmed. Name the XML
    /// elements as XPM writes them. The response is read as usual: fields XPM leaves out read as null or empty.
    /// </remarks>
    /// <param name="names">The field names, at least one; none may be empty or contain a comma.</param>
    /// <returns>A new request with the <c>fields</c> parameter.</returns>
    /// <exception cref="ArgumentException">No name was given, or a name is empty, blank or contains a comma.</exception>
    public XpmRequest<TResponse> WithFields(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw new ArgumentException("Name at least one field.", nameof(names));
        }

        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"The field name '{name}' is empty or contains a comma; give one name per argument.", nameof(names));
            }
        }

        var query = new List<KeyValuePair<string, string>>(Query.Count + 1);
        foreach (var parameter in Query)
        {
            if (!string.Equals(parameter.Key, FieldsParameter, StringComparison.Ordinal))
            {
                query.Add(parameter);
            }
        }

        query.Add(new(FieldsParameter, string.Join(",", Array.ConvertAll(names, static name => name.Trim()))));
        return new XpmRequest<TResponse>(Endpoint, Path, query, Body, ResponseReader);
    }

    /// <summary>The relative URI of the request: the path followed by the escaped query string.</summary>
    public string RelativeUri => XpmQuery.AppendTo(Path, Query);

    /// <summary>Returns <c>METHOD relative-uri</c>.</summary>
    public override string ToString() => $"{Method.Method} {RelativeUri}";
}
