using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace XpmGen;

public sealed partial class XpmClient
{
    // A bound on pages, so a server that never says "last page" cannot keep a loop going forever.
    private const int MaxPages = 100_000;

    /// <summary>
    /// Reads every page of an endpoint paged by number (<c>cost.api/list?page=N</c>, 1-based) until a page comes
    /// back empty, which is XPM's <c>&lt;Records&gt;0&lt;/Records&gt;</c> (<see cref="XpmPage{T}.HasMore"/> false).
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pageRequest">Builds the request for a page number.</param>
    /// <param name="cancellationToken">Cancels the calls and the enumeration.</param>
    /// <returns>The items of every page, in order. Each page is one call.</returns>
    public async IAsyncEnumerable<T> PagesByNumberAsync<T>(Func<int, XpmRequest<XpmPage<T>>> pageRequest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pageRequest);
        for (var number = 1; number <= MaxPages; number++)
        {
            var page = await SendAsync(pageRequest(number), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (!page.HasMore)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Reads every page of an endpoint paged by token (<c>client.api/paged-list</c>, <c>client.api/contacts</c>):
    /// each response's <c>Pagination/Links/Next</c> carries the <c>pageToken</c> of the next page
    /// (<see cref="XpmPage{T}.NextPageToken"/>); the last page has none.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pageRequest">Builds the request for a page token (<see langword="null"/> for the first page).</param>
    /// <param name="cancellationToken">Cancels the calls and the enumeration.</param>
    /// <returns>The items of every page, in order. Each page is one call.</returns>
    /// <exception cref="XpmProtocolException">XPM gave the same token twice, which would loop forever.</exception>
    public IAsyncEnumerable<T> PagesByTokenAsync<T>(Func<string?, XpmRequest<XpmPage<T>>> pageRequest, CancellationToken cancellationToken = default) =>
        PagesByTokenAsync(null, pageRequest, cancellationToken);

    /// <summary>
    /// Reads the pages of an endpoint paged by token from <paramref name="pageToken"/> on, for example a token saved from
    /// an earlier <see cref="XpmPage{T}.NextPageToken"/>; <see langword="null"/> starts at the first page.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pageToken">The token of the first page to read, or <see langword="null"/> for the first page of the list.</param>
    /// <param name="pageRequest">Builds the request for a page token.</param>
    /// <param name="cancellationToken">Cancels the calls and the enumeration.</param>
    /// <returns>The items of every page from that one on, in order. Each page is one call.</returns>
    /// <exception cref="XpmProtocolException">XPM gave the same token twice, which would loop forever.</exception>
    public async IAsyncEnumerable<T> PagesByTokenAsync<T>(string? pageToken, Func<string?, XpmRequest<XpmPage<T>>> pageRequest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pageRequest);
        var token = pageToken;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (token is not null)
        {
            seen.Add(token);
        }

        for (var number = 1; number <= MaxPages; number++)
        {
            var request = pageRequest(token);
            var page = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.NextPageToken is not { } next)
            {
                yield break;
            }

            if (!seen.Add(next))
            {
                throw new XpmProtocolException(
                    $"{request.Method.Method} {request.Path} returned a page token it had already given; paging stopped to avoid a loop.",
                    new XpmErrorContext(request.Endpoint, request.Method, request.Path, null, null, null),
                    innerException: null);
            }

            token = next;
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
}
