using System;
using System.Collections.Generic;
using System.Net;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>Splits and decodes a query string the way WireMock.org does, for stub matching and the journal alike.</summary>
internal static class QueryString
{
    /// <summary>
    /// The parameters of a path-and-query or a bare query (with or without <c>?</c>), by name (ordinal), each with its
    /// values in order; <c>+</c> and percent escapes are decoded, and only <c>&amp;</c> separates values.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string? pathAndQuery)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(pathAndQuery))
        {
            return result;
        }

        var start = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var query = start >= 0 ? pathAndQuery[(start + 1)..] : pathAndQuery.Contains('/', StringComparison.Ordinal) ? string.Empty : pathAndQuery;
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : WebUtility.UrlDecode(part[(equals + 1)..]);
            if (result.TryGetValue(name, out var existing))
            {
                ((List<string>)existing).Add(value);
            }
            else
            {
                result[name] = new List<string> { value };
            }
        }

        return result;
    }
}
