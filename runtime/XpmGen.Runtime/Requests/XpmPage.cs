using System;
using System.Collections.Generic;

namespace XpmGen;

/// <summary>
/// One page of a paged XPM list: its items and what XPM said about the pages after it. Returned by the single-page
/// calls (<c>xpm.Clients.ListPageAsync</c>, <c>xpm.Clients.Contacts.ListAsync</c>, <c>xpm.Costs.ListAsync</c>), so a
/// caller can show one page, or save <see cref="NextPageToken"/> and resume later.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// XPM pages in two ways. Token paging (<c>client.api/paged-list</c>, <c>client.api/contacts</c>) writes a
/// <c>Pagination/Links/Next</c> link whose <c>pageToken</c> query value continues the list; the last page has no Next
/// link, so <see cref="NextPageToken"/> is <see langword="null"/> and <see cref="HasMore"/> is false. Page-number paging
/// (<c>cost.api/list?page=N</c>) says nothing about the pages that follow: XPM's only signal is a page that comes back
/// empty (<c>Records</c> 0). So for that style <see cref="HasMore"/> is true for every non-empty page, including the
/// last full or partial one, and the next page number may return no items.
/// </remarks>
public sealed class XpmPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The items of the page, in the order XPM wrote them.</param>
    /// <param name="nextPageToken">The continuation token of the next page (token paging), or <see langword="null"/>.</param>
    /// <param name="hasMore">Whether another page may follow.</param>
    public XpmPage(IReadOnlyList<T> items, string? nextPageToken, bool hasMore)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        NextPageToken = nextPageToken;
        HasMore = hasMore;
    }

    /// <summary>The items of this page, in the order XPM wrote them; empty when the page holds none.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>
    /// The <c>pageToken</c> of the next page, taken from the response's <c>Pagination/Links/Next</c> link; pass it as the
    /// <c>pageToken</c> argument to read that page. <see langword="null"/> on the last page, and always for page-number paging.
    /// </summary>
    public string? NextPageToken { get; }

    /// <summary>
    /// Whether another page may follow: for token paging, whether there is a <see cref="NextPageToken"/>; for page-number
    /// paging, whether this page held any item (XPM signals the end only with an empty page).
    /// </summary>
    public bool HasMore { get; }
}
