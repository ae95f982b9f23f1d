using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen;

public sealed partial class XpmClient
{
    // A bound on pages, so a server that never says "last page" cannot keep a loop going forever.
    private const int MaxPages = 100_000;

    /// <summary>
    /// Reads every page of an endpoint paged by number (<c>cost.api/list?page=N</c>, 1-based) until a page comes
    /// back empty, which is XPM's <c>&lt;Records&gt;0&lt;/Records&gt;</c>.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pageRequest">Builds the request for a page number.</param>
    /// <param name="cancellationToken">Cancels the calls and the enumeration.</param>
    /// <returns>The items of every page, in order. Each page is one call.</returns>
    public async IAsyncEnumerable<T> PagesByNumberAsync<T>(Func<int, XpmRequest<IReadOnlyList<T>>> pageRequest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pageRequest);
        for (var page = 1; page <= MaxPages; page++)
        {
            var items = await SendAsync(pageRequest(page), cancellationToken).ConfigureAwait(false);
            if (items.Count == 0)
            {
                yield break;
            }

            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Reads every page of an endpoint paged by token (<c>client.api/paged-list</c>, <c>client.api/contacts</c>):
    /// each response's <c>Pagination/Links/Next</c> carries the <c>pageToken</c> of the next page; the last page has none.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pageRequest">Builds the request for a page token (<see langword="null"/> for the first page).</param>
    /// <param name="cancellationToken">Cancels the calls and the enumeration.</param>
    /// <returns>The items of every page, in order. Each page is one call.</returns>
    /// <exception cref="XpmProtocolException">XPM gave the same token twice, which would loop forever.</exception>
    public async IAsyncEnumerable<T> PagesByTokenAsync<T>(Func<string?, XpmRequest<IReadOnlyList<T>>> pageRequest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pageRequest);
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= MaxPages; page++)
        {
            var request = pageRequest(token);
            if (request.ResponseReader is not IXpmListReader<T> list)
            {
                throw new ArgumentException($"{request.Endpoint} does not return a list.", nameof(pageRequest));
            }

            var result = await SendAsync(
                new XpmRequest<TokenPage<T>>(request.Endpoint, request.Path, request.Query, request.Body, new TokenPageReader<T>(list)),
                cancellationToken).ConfigureAwait(false);
            foreach (var item in result.Items)
            {
                yield return item;
            }

            if (result.NextToken is null)
            {
                yield break;
            }

            if (!seen.Add(result.NextToken))
            {
                throw new XpmProtocolException(
                    $"{request.Method.Method} {request.Path} returned a page token it had already given; paging stopped to avoid a loop.",
                    new XpmErrorContext(request.Endpoint, request.Method, request.Path, null, null, null),
                    innerException: null);
            }

            token = result.NextToken;
        }
    }

    /// <summary>
    /// Reads a date range of any length from an endpoint that accepts less than a year between <c>from</c> and
    /// <c>to</c> (<c>job.api/list</c>, <c>invoice.api/list</c>, <c>quote.api/list</c>, <c>time.api/list</c>) by splitting
    /// it into consecutive windows, oldest first. An item that falls in two windows (a job spanning them, say) is
    /// returned by each.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="from">The first day, inclusive.</param>
    /// <param name="to">The last day, inclusive.</param>
    /// <param name="windowRequest">Builds the request for one window's first and last day.</param>
    /// <param name="cancellationToken">Cancels the calls and the enumeration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async IAsyncEnumerable<T> WindowsAsync<T>(DateOnly from, DateOnly to, Func<DateOnly, DateOnly, XpmRequest<IReadOnlyList<T>>> windowRequest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(windowRequest);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        foreach (var (start, end) in SplitIntoWindows(from, to))
        {
            foreach (var item in await SendAsync(windowRequest(start, end), cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <summary>Consecutive windows covering [from, to], each spanning less than a year.</summary>
    internal static IEnumerable<(DateOnly Start, DateOnly End)> SplitIntoWindows(DateOnly from, DateOnly to)
    {
        for (var start = from; start <= to;)
        {
            var latest = start.AddYears(1).AddDays(-1);
            var end = latest < to ? latest : to;
            yield return (start, end);
            if (end == DateOnly.MaxValue)
            {
                yield break;
            }

            start = end.AddDays(1);
        }
    }

    private sealed record TokenPage<T>(List<T> Items, string? NextToken);

    /// <summary>Reads the list and the <c>Pagination</c> element of one page; one reader per response.</summary>
    private sealed class TokenPageReader<T>(IXpmListReader<T> list) : XpmResponseReader<TokenPage<T>>
    {
        private readonly TokenPage<T> _page = new(new List<T>(), null);
        private string? _next;

        public override string? ElementName => list.ElementName;

        public override bool ReadsEveryPayloadElement => true;

        public override bool IsPayload(string localName) => localName == list.ElementName || localName == "Pagination";

        public override TokenPage<T> ReadPayload(XmlReader reader)
        {
            if (reader.LocalName == "Pagination")
            {
                _next = ReadNextToken(reader);
            }
            else
            {
                _page.Items.AddRange(XpmXml.ReadList(reader, list.ItemName, list.ReadItem));
            }

            return _page;
        }

        public override TokenPage<T> WhenMissing() => _page;

        public override TokenPage<T> Complete(TokenPage<T> value, XpmResponseEnvelope envelope) => _page with { NextToken = _next };

        private static string? ReadNextToken(XmlReader reader)
        {
            string? next = null;
            if (!XpmXml.EnterElement(reader))
            {
                return null;
            }

            while (XpmXml.MoveToNextChild(reader))
            {
                if (reader.LocalName != "Links" || !XpmXml.EnterElement(reader))
                {
                    reader.Skip();
                    continue;
                }

                while (XpmXml.MoveToNextChild(reader))
                {
                    if (reader.LocalName == "Next" && XpmXml.ReadString(reader) is { } url)
                    {
                        next = TokenOf(url);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }

            return next;
        }

        private static string? TokenOf(string url)
        {
            var question = url.IndexOf('?', StringComparison.Ordinal);
            if (question < 0)
            {
                return null;
            }

            foreach (var pair in url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && pair[..equals].Equals("pageToken", StringComparison.OrdinalIgnoreCase))
                {
                    var token = Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                    return token.Length == 0 ? null : token;
                }
            }

            return null;
        }
    }
}
