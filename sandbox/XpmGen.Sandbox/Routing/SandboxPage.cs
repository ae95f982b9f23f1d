using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;

namespace XpmGen.Sandbox;

/// <summary>A list answer that also carries XPM's <c>Pagination</c> element, written after the list.</summary>
internal interface ISandboxPage
{
    void WritePagination(XmlWriter writer);
}

/// <summary>
/// One page of a token-paged list (<c>client.api/paged-list</c>, <c>client.api/contacts</c>): the items, and the
/// <c>Pagination/Links</c> First and Next links, Next carrying the <c>pageToken</c> of the following page and left out
/// on the last page. A behaviour returns it as the operation's list; the list payload writes the links after the list.
/// </summary>
internal sealed class SandboxPage<T> : IEnumerable<T>, ISandboxPage
{
    private readonly IReadOnlyList<T> _items;
    private readonly string _first;
    private readonly string? _next;

    private SandboxPage(IReadOnlyList<T> items, string first, string? next)
    {
        _items = items;
        _first = first;
        _next = next;
    }

    /// <summary>XPM's page length when the call gives none.</summary>
    public const int DefaultSize = 50;

    /// <summary>XPM's longest page.</summary>
    public const int MaxSize = 500;

    /// <summary>The text after the link's <c>?</c> on the following page, or null on the last page.</summary>
    public string? NextToken { get; private init; }

    /// <summary>
    /// The page of <paramref name="all"/> that <paramref name="pageToken"/> names (the first page without one), with
    /// links relative to the API root (<c>client.api/paged-list?pageSize=50&amp;pageToken=...</c>), since a behaviour
    /// does not know the host it is served on; the token is read from the query of the link either way.
    /// </summary>
    /// <remarks>
    /// The token is an opaque encoding of the offset of the page's first item. An offset, unlike the UUID of the next
    /// item, survives that item being deleted between pages; an item added or removed before it shifts the pages by
    /// one, which XPM does not promise against either.
    /// </remarks>
    public static SandboxPage<T> Of(IReadOnlyList<T> all, int? pageSize, string? pageToken, string path)
    {
        var size = pageSize ?? DefaultSize;
        if (size is < 1 or > MaxSize)
        {
            throw new SandboxFault($"The query parameter 'pageSize' is {size.ToString(CultureInfo.InvariantCulture)}; it must be from 1 to {MaxSize.ToString(CultureInfo.InvariantCulture)}.");
        }

        var offset = pageToken is null ? 0 : OffsetOf(pageToken);
        var items = all.Skip(offset).Take(size).ToList();
        var sizeText = size.ToString(CultureInfo.InvariantCulture);
        var first = $"{path}?pageSize={sizeText}";
        var nextOffset = offset + items.Count;
        var nextToken = nextOffset < all.Count ? TokenOf(nextOffset) : null;
        var next = nextToken is null ? null : $"{first}&pageToken={Uri.EscapeDataString(nextToken)}";
        return new SandboxPage<T>(items, first, next) { NextToken = nextToken };
    }

    /// <summary>The same page with each item turned into what the response shows.</summary>
    public SandboxPage<TOut> Map<TOut>(Func<T, TOut> map) => new(_items.Select(map).ToList(), _first, _next) { NextToken = NextToken };

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void WritePagination(XmlWriter writer)
    {
        writer.WriteStartElement("Pagination");
        writer.WriteStartElement("Links");
        writer.WriteElementString("First", _first);
        if (_next is not null)
        {
            writer.WriteElementString("Next", _next);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private const string TokenPrefix = "offset:";

    private static string TokenOf(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + offset.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int OffsetOf(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Reported below with the token, like any other token this sandbox did not give.
        }

        throw new SandboxFault($"The query parameter 'pageToken' is '{token}', which is not a continuation token this sandbox gave; take it from the Next link of the previous page.");
    }
}
