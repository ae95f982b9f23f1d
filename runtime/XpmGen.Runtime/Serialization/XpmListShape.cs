using System;
using System.Xml;

namespace XpmGen.Serialization;

/// <summary>
/// The one rule for what a list wrapper such as <c>&lt;Clients&gt;</c> may hold, applied by the buffered list reader
/// (<see cref="XpmXml.ReadList{T}(System.Xml.XmlReader, string, System.Func{System.Xml.XmlReader, T})"/>) and the streamed item reader alike, so both paths give one verdict:
/// <list type="bullet">
/// <item>Nothing, or white space only (<c>&lt;Clients/&gt;</c>, <c>&lt;Clients&gt; &lt;/Clients&gt;</c>): an empty list.</item>
/// <item>Items, with or without unknown elements or text beside them: the items; the rest is skipped, since Xero
/// adds fields.</item>
/// <item>No item but an element or non-white-space text: refused. A renamed item (<c>&lt;client&gt;</c>), an item of
/// another type (<c>&lt;Job&gt;</c>), the list as text or a list inside the list would otherwise read as an empty list,
/// and a sync that believed it would delete its copy of the data.</item>
/// <item>An element named like the item or the wrapper except for letter case, or the wrapper nested in itself:
/// refused even beside real items. It can only be an item spelled or placed differently, never a new field, so
/// skipping it would drop a record.</item>
/// </list>
/// Refusals are <see cref="XpmListShapeException"/>s, which the response module turns into an
/// <see cref="XpmProtocolException"/> naming the endpoint.
/// </summary>
internal struct XpmListShape
{
    /// <summary>The longest element name a message shows; a longer one is described by its length.</summary>
    private const int Shown = 40;

    private readonly string _wrapperName;
    private readonly string _itemName;
    private bool _hasItem;
    private string? _found;
    private int _line;
    private int _column;

    /// <summary>Starts checking a wrapper; the reader is on the wrapper's start tag.</summary>
    public XpmListShape(XmlReader reader, string itemName)
    {
        _wrapperName = reader.LocalName;
        _itemName = itemName;
    }

    /// <summary>Whether the reader is on an item of this list.</summary>
    public readonly bool IsItem(XmlReader reader) => reader.NodeType == XmlNodeType.Element && reader.LocalName == _itemName;

    /// <summary>Notes an item; the caller reads it.</summary>
    public void Item() => _hasItem = true;

    /// <summary>Notes a child element that is not an item (the caller skips it); refuses one that can only be a misspelled or misplaced item.</summary>
    public void Other(XmlReader reader)
    {
        var name = reader.LocalName;
        if (string.Equals(name, _itemName, StringComparison.OrdinalIgnoreCase) || string.Equals(name, _wrapperName, StringComparison.OrdinalIgnoreCase))
        {
            var what = name == _wrapperName ? "another <" + Show(name) + "> list inside it" : "a <" + Show(name) + "> element, which differs from its item or list element only in letter case";
            throw Refuse(reader, $"The <{_wrapperName}> list holds {what}; skipping it would drop items, so the list is refused.");
        }

        Note(reader, "a <" + Show(name) + "> element");
    }

    /// <summary>Notes text or CDATA directly inside the wrapper (the caller moves past it); white space is not content.</summary>
    public void Text(XmlReader reader)
    {
        // Only its length is shown: the text is the server's, and a cut could split a secret so that redaction misses
        // it; the exception's ResponseExcerpt shows the body, redacted.
        var value = reader.Value;
        if (!string.IsNullOrWhiteSpace(value))
        {
            Note(reader, "text (" + value.Trim().Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters)");
        }
    }

    /// <summary>Checks the wrapper at its end tag: no item but other content is refused.</summary>
    public readonly void End()
    {
        if (!_hasItem && _found is not null)
        {
            throw new XpmListShapeException(
                $"The <{_wrapperName}> list holds no <{_itemName}> item but {_found}; reading it as an empty list could lose data, so it is refused.",
                _line,
                _column);
        }
    }

    private void Note(XmlReader reader, string found)
    {
        if (_found is null)
        {
            _found = found;
            var info = reader as IXmlLineInfo;
            _line = info?.LineNumber ?? 0;
            _column = info?.LinePosition ?? 0;
        }
    }

    private static XpmListShapeException Refuse(XmlReader reader, string message)
    {
        var info = reader as IXmlLineInfo;
        return new XpmListShapeException(message, info?.LineNumber ?? 0, info?.LinePosition ?? 0);
    }

    private static string Show(string name) => name.Length <= Shown ? name : "(a " + name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-character name)";
}

/// <summary>A list wrapper whose content breaks <see cref="XpmListShape"/>'s rule.</summary>
internal sealed class XpmListShapeException(string message, int line, int column) : XmlException(message, null, line, column);
