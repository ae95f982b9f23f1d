using System;
using System.Collections.Generic;

namespace XpmGen.Testing;

/// <summary>
/// One request as the fake received it, before any answer: what an integration sent, byte for byte, for assertions
/// that the typed journal (<see cref="XpmStub{TSelf, TBody}.Requests"/>) cannot make, such as headers or query strings.
/// </summary>
public sealed class XpmRecordedRequest
{
    internal XpmRecordedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method, such as <c>GET</c>.</summary>
    public string Method { get; }

    /// <summary>The path under the fake's base address, such as <c>client.api/get/2a1e...</c> (still escaped as sent).</summary>
    public string Path { get; }

    /// <summary>The query string without its leading <c>?</c>, such as <c>detailed=true</c>; empty when there is none.</summary>
    public string Query { get; }

    /// <summary>The request headers (names compared without case); several values of one header are joined with <c>, </c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as text (UTF-8), empty when the request had none.</summary>
    public string Body { get; }

    /// <summary>When the fake received the request.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Returns <c>METHOD path?query</c>.</summary>
    public override string ToString() => Query.Length == 0 ? $"{Method} {Path}" : $"{Method} {Path}?{Query}";
}

/// <summary>The typed journal entry of an operation that sends no body: one per request, so <c>Requests.Count</c> still counts calls.</summary>
public readonly record struct XpmNoBody;
