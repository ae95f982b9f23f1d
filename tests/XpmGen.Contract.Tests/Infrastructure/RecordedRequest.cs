using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WireMock.Logging;
using WireMock.Types;
using System.Xml.Linq;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>One request as WireMock.Net's request log recorded it.</summary>
/// <param name="Method">The HTTP method, for example <c>GET</c>.</param>
/// <param name="Url">The path and query as received, for example <c>/practicemanager/3.1/client.api/list?detailed=true</c>.</param>
/// <param name="AbsolutePath">The path without the query.</param>
/// <param name="Query">The query parameters, decoded, by name (ordinal), each with all its values.</param>
/// <param name="Headers">The request headers, by case-insensitive name, multiple values joined with <c>", "</c>.</param>
/// <param name="Body">The body text (empty when there was none).</param>
/// <param name="WasMatched">Whether a stub answered it (otherwise WireMock answered 404).</param>
/// <param name="LoggedAt">When WireMock received it.</param>
public sealed record RecordedRequest(
    string Method,
    string Url,
    string AbsolutePath,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    bool WasMatched,
    DateTimeOffset LoggedAt)
{
    /// <summary>The single value of a query parameter, or <see langword="null"/> when it is absent.</summary>
    public string? QueryValue(string name) =>
        Query.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    /// <summary>A header value, or <see langword="null"/> when it is absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses the body as XML.</summary>
    public XDocument BodyAsXml() => XDocument.Parse(Body, LoadOptions.PreserveWhitespace);

    /// <summary>One entry of WireMock.Net's request log.</summary>
    public static RecordedRequest FromLogEntry(ILogEntry entry)
    {
        var request = entry.RequestMessage ?? throw new InvalidOperationException($"Log entry {entry.Guid} has no request.");

        // The path and query as they arrived (still escaped), like WireMock.org's journal "url".
        var received = request.AbsoluteUrl ?? request.Url ?? string.Empty;
        var url = Uri.TryCreate(received, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : received;
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? url : url[..queryStart];

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            var value = string.Join(", ", header.Value);
            headers[header.Key] = headers.TryGetValue(header.Key, out var existing) ? existing + ", " + value : value;
        }

        // A body WireMock.Net did not read as text (an unknown content type) is still text to these tests.
        var body = request.Body
            ?? (request.BodyAsBytes is { Length: > 0 } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty);

        return new RecordedRequest(
            request.Method,
            url,
            Uri.UnescapeDataString(path),
            QueryString.Parse(url),
            headers,
            body,
            entry.MappingGuid is { } guid && guid != Guid.Empty,
            new DateTimeOffset(DateTime.SpecifyKind(request.DateTime, DateTimeKind.Utc)));
    }
}
