using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>One request as WireMock's request journal recorded it.</summary>
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

    /// <summary>Parses the JSON of <c>GET /__admin/requests</c>; the result is oldest first.</summary>
    public static IReadOnlyList<RecordedRequest> ParseJournal(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new List<RecordedRequest>();
        foreach (var entry in document.RootElement.GetProperty("requests").EnumerateArray())
        {
            var request = entry.GetProperty("request");
            var url = request.GetProperty("url").GetString() ?? string.Empty;
            var queryStart = url.IndexOf('?', StringComparison.Ordinal);
            var path = queryStart < 0 ? url : url[..queryStart];

            var query = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (request.TryGetProperty("queryParams", out var queryParams) && queryParams.ValueKind == JsonValueKind.Object)
            {
                foreach (var parameter in queryParams.EnumerateObject())
                {
                    query[parameter.Name] = parameter.Value.TryGetProperty("values", out var values)
                        ? values.EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToList()
                        : new List<string>();
                }
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (request.TryGetProperty("headers", out var headerObject) && headerObject.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headerObject.EnumerateObject())
                {
                    var value = header.Value.ValueKind == JsonValueKind.Array
                        ? string.Join(", ", header.Value.EnumerateArray().Select(v => v.GetString()))
                        : header.Value.GetString() ?? string.Empty;
                    headers[header.Name] = headers.TryGetValue(header.Name, out var existing) ? existing + ", " + value : value;
                }
            }

            var body = request.TryGetProperty("body", out var bodyElement) ? bodyElement.GetString() ?? string.Empty : string.Empty;
            var loggedAt = request.TryGetProperty("loggedDate", out var logged) && logged.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds(logged.GetInt64())
                : DateTimeOffset.MinValue;
            var matched = entry.TryGetProperty("wasMatched", out var wasMatched) && wasMatched.ValueKind == JsonValueKind.True;

            result.Add(new RecordedRequest(
                request.GetProperty("method").GetString() ?? string.Empty,
                url,
                Uri.UnescapeDataString(path),
                query,
                headers,
                body,
                matched,
                loggedAt));
        }

        // The journal lists the newest first; a stable sort keeps same-millisecond entries in arrival order.
        result.Reverse();
        return result.OrderBy(r => r.LoggedAt).ToList();
    }
}
