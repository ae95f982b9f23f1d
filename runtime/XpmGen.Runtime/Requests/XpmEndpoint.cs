using System;
using System.Collections.Generic;
using System.Net.Http;

namespace XpmGen;

/// <summary>
/// One operation of the XPM API as the schema describes it: its verb, its path template under the
/// base address and the OAuth scopes that grant it. The generated <c>XpmEndpoints</c> catalogue holds
/// one instance per operation.
/// </summary>
public sealed class XpmEndpoint
{
    /// <summary>Creates the description of one endpoint.</summary>
    /// <param name="resource">The schema resource the endpoint belongs to, for example <c>Client</c>.</param>
    /// <param name="name">The operation name within the resource, for example <c>List</c>.</param>
    /// <param name="method">The HTTP method, for example <c>GET</c>.</param>
    /// <param name="pathTemplate">The path under the base address, with placeholders, for example <c>client.api/get/{uuid}</c>.</param>
    /// <param name="scopes">The OAuth scopes of which any one grants access to the endpoint.</param>
    /// <param name="summary">A one-line description of what the endpoint does.</param>
    public XpmEndpoint(string resource, string name, string method, string pathTemplate, IReadOnlyList<string> scopes, string summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(pathTemplate);
        ArgumentNullException.ThrowIfNull(scopes);
        Resource = resource;
        Name = name;
        Method = new HttpMethod(method);
        PathTemplate = pathTemplate;
        Scopes = scopes;
        Summary = summary ?? string.Empty;
    }

    /// <summary>The schema resource the endpoint belongs to, for example <c>Client</c>.</summary>
    public string Resource { get; }

    /// <summary>The operation name within the resource, for example <c>List</c>.</summary>
    public string Name { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path under the base address, with placeholders, for example <c>client.api/get/{uuid}</c>.</summary>
    public string PathTemplate { get; }

    /// <summary>The OAuth scopes of which any one grants access to the endpoint.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>A one-line description of what the endpoint does.</summary>
    public string Summary { get; }

    /// <summary>
    /// Whether sending the request twice has the same effect as sending it once. Only reads are:
    /// XPM has no idempotency key, so a repeated <c>POST job.api/add</c> creates a second job.
    /// </summary>
    public bool IsIdempotent => Method == HttpMethod.Get;

    /// <summary>Returns <c>METHOD path</c>, for example <c>GET client.api/list</c>.</summary>
    public override string ToString() => $"{Method.Method} {PathTemplate}";
}
