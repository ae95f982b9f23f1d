using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen;

/// <summary>Creates the payload readers of paged lists, which read a page's items and its continuation into an <see cref="XpmPage{T}"/>.</summary>
/// <remarks>
/// <para>Part of the generator's extension API: the code generated from a schema calls it, the runtime's own and an
/// application's own schema files alike (docs/packaging.md), so it is public and versioned like the rest of the package,
/// but hidden from IntelliSense because applications have no need to call it.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class XpmPageReader
{
    /// <summary>The element beside the list that carries token paging's links.</summary>
    private const string PaginationElement = "Pagination";

    /// <summary>
    /// A reader for a token-paged list (<c>client.api/paged-list</c>, <c>client.api/contacts</c>): the wrapped list, and
    /// the <c>pageToken</c> of the <c>Pagination/Links/Next</c> link beside it, in either order.
    /// </summary>
    /// <param name="wrapperName">The wrapper element name, for example <c>Clients</c>.</param>
    /// <param name="itemName">The item element name; other children of the wrapper are skipped.</param>
    /// <param name="readItem">Reads one item element.</param>
    public static XpmResponseReader<XpmPage<T>> ByToken<T>(string wrapperName, string itemName, Func<XmlReader, T> readItem)
    {
        ArgumentException.ThrowIfNullOrEmpty(wrapperName);
        ArgumentException.ThrowIfNullOrEmpty(itemName);
        ArgumentNullException.ThrowIfNull(readItem);
        return new TokenPageReader<T>(wrapperName, itemName, readItem);
    }

    /// <summary>
    /// A reader for a list paged by number (<c>cost.api/list?page=N</c>). XPM says nothing about later pages except by
    /// returning an empty one, so <see cref="XpmPage{T}.HasMore"/> is true for any page that holds an item.
    /// </summary>
    /// <param name="wrapperName">The wrapper element name, for example <c>Costs</c>.</param>
    /// <param name="itemName">The item element name; other children of the wrapper are skipped.</param>
    /// <param name="readItem">Reads one item element.</param>
    public static XpmResponseReader<XpmPage<T>> ByNumber<T>(string wrapperName, string itemName, Func<XmlReader, T> readItem)
    {
        ArgumentException.ThrowIfNullOrEmpty(wrapperName);
        ArgumentException.ThrowIfNullOrEmpty(itemName);
        ArgumentNullException.ThrowIfNull(readItem);
        return new NumberPageReader<T>(wrapperName, itemName, readItem);
    }

    /// <summary>The <c>pageToken</c> query value of a Next link (absolute or relative), or null when it has none.</summary>
    internal static string? TokenOf(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        var query = url[(question + 1)..];
        var hash = query.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            query = query[..hash];
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
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

    private sealed class NumberPageReader<T>(string wrapperName, string itemName, Func<XmlReader, T> readItem) : XpmResponseReader<XpmPage<T>>
    {
        public override string? ElementName => wrapperName;

        public override XpmPage<T> ReadPayload(XmlReader reader)
        {
            var items = XpmXml.ReadList(reader, itemName, readItem);
            return new XpmPage<T>(items, null, hasMore: items.Count > 0);
        }

        public override XpmPage<T> WhenMissing() => throw XpmResponseReader.MissingPayload($"a <{wrapperName}> list of <{itemName}> items");
    }

    /// <summary>
    /// Reads the list and the <c>Pagination</c> element of one response. The envelope reader hands each payload element to
    /// <see cref="ReadPayload"/> separately and keeps only the last result, while the generated request builders share one
    /// reader across every call (and a request value may be sent concurrently or retried). So the reader keeps no state of
    /// its own: what one document has read so far lives in a table keyed by that document's <see cref="XmlReader"/>, and
    /// <see cref="Complete"/> turns it into the page.
    /// </summary>
    private sealed class TokenPageReader<T>(string wrapperName, string itemName, Func<XmlReader, T> readItem) : XpmResponseReader<XpmPage<T>>
    {
        private readonly ConditionalWeakTable<XmlReader, Partial> _byDocument = new();
        private readonly ConditionalWeakTable<XpmPage<T>, Partial> _byPlaceholder = new();

        public override string? ElementName => wrapperName;

        public override bool ReadsEveryPayloadElement => true;

        public override bool IsPayload(string localName) => localName == wrapperName || localName == PaginationElement;

        public override XpmPage<T> ReadPayload(XmlReader reader)
        {
            var partial = _byDocument.GetValue(reader, _ => NewPartial());
            if (reader.LocalName == PaginationElement)
            {
                partial.NextToken = ReadNextToken(reader) ?? partial.NextToken;
            }
            else
            {
                partial.Items.AddRange(XpmXml.ReadList(reader, itemName, readItem));
            }

            return partial.Placeholder;
        }

        public override XpmPage<T> WhenMissing() => throw XpmResponseReader.MissingPayload($"a <{wrapperName}> list of <{itemName}> items");

        public override XpmPage<T> Complete(XpmPage<T> value, XpmResponseEnvelope envelope)
        {
            if (!_byPlaceholder.TryGetValue(value, out var partial))
            {
                return value;
            }

            _byPlaceholder.Remove(value);
            return new XpmPage<T>(partial.Items, partial.NextToken, hasMore: partial.NextToken is not null);
        }

        private Partial NewPartial()
        {
            var partial = new Partial();
            _byPlaceholder.AddOrUpdate(partial.Placeholder, partial);
            return partial;
        }

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

        /// <summary>What one document has given so far; <see cref="Placeholder"/> is what the envelope reader holds meanwhile.</summary>
        private sealed class Partial
        {
            public Partial() => Placeholder = new XpmPage<T>(Items, null, hasMore: false);

            public List<T> Items { get; } = new();

            public string? NextToken { get; set; }

            public XpmPage<T> Placeholder { get; }
        }
    }
}
