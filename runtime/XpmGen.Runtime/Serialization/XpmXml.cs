using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace XpmGen.Serialization;

/// <summary>
/// The XML primitives that generated readers and writers are built from, and the one place where
/// XML readers are configured: DTDs prohibited, no resolver, comments skipped.
/// </summary>
/// <remarks>
/// Reading is tolerant the way XPM needs: elements are matched by local name in any order, unknown
/// elements and stray text are skipped (Xero adds fields) except where skipping would empty a list (see
/// <see cref="ReadList{T}(XmlReader, string, Func{XmlReader, T})"/>), and empty elements such as <c>&lt;Fax /&gt;</c>
/// read as <see langword="null"/>. A value that does not parse raises an <see cref="XmlException"/>
/// naming the element, the value and the line.
/// <para>Part of the generator's extension API: the code generated from a schema calls it, the runtime's own and an
/// application's own schema files alike (docs/packaging.md), so it is public and versioned like the rest of the package,
/// but hidden from IntelliSense because applications have no need to call it.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class XpmXml
{
    private static readonly XmlReaderSettings SyncSettings = CreateReaderSettings(async: false);
    private static readonly XmlReaderSettings AsyncSettings = CreateReaderSettings(async: true);

    /// <summary>
    /// Creates reader settings that prohibit DTDs, resolve nothing and ignore comments and processing instructions.
    /// </summary>
    /// <param name="async">Whether the reader will be used with its asynchronous methods.</param>
    public static XmlReaderSettings CreateReaderSettings(bool async = false) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        Async = async,
    };

    /// <summary>Creates a secure reader over a stream (the stream is not closed with the reader).</summary>
    public static XmlReader CreateReader(Stream stream, bool async = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return XmlReader.Create(stream, WithValuePool(async));
    }

    /// <summary>
    /// Creates a secure reader over a response body of <paramref name="length"/> bytes held in memory: with a value pool
    /// from <see cref="PooledBodyBytes"/> on, without one below. A small body's strings cost little, and most of its
    /// values (identifiers, names, addresses) occur once, so a pool would only add its tables and lookups to the call.
    /// </summary>
    internal static XmlReader CreateBodyReader(Stream stream, int length) =>
        XmlReader.Create(stream, length >= PooledBodyBytes ? WithValuePool(async: false) : SyncSettings);

    /// <summary>The smallest buffered body that is read with a value pool (64 KB, a few dozen detailed clients).</summary>
    internal const int PooledBodyBytes = 64 * 1024;

    /// <summary>Creates a secure reader over text (the text reader is not closed with the reader).</summary>
    public static XmlReader CreateReader(TextReader text, bool async = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return XmlReader.Create(text, WithValuePool(async));
    }

    /// <summary>
    /// Moves to the next child element of the element being read. Returns <see langword="true"/> on a child
    /// start tag; returns <see langword="false"/> after consuming the parent's end tag. Text between
    /// children is skipped.
    /// </summary>
    /// <exception cref="XmlException">The document ends before the parent element does.</exception>
    public static bool MoveToNextChild(XmlReader reader)
    {
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement:
                    reader.Read();
                    return false;
                case XmlNodeType.None:
                    throw new XmlException("The document ended inside an element.");
                default:
                    if (!reader.Read())
                    {
                        throw new XmlException("The document ended inside an element.");
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Enters the element the reader is on. Returns <see langword="false"/> (and moves past it) when
    /// the element is empty, so the caller has no children to read.
    /// </summary>
    public static bool EnterElement(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return false;
        }

        reader.Read();
        return true;
    }

    /// <summary>
    /// Reads a wrapped list: the reader is on the wrapper; items named <paramref name="itemName"/> are read. Other
    /// children beside at least one item are skipped. A wrapper that holds no item but other elements or text, or an
    /// element named like the item or the wrapper in another letter case, is refused rather than read as an empty or
    /// shorter list.
    /// </summary>
    /// <exception cref="XmlException">The wrapper holds something other than its items (see docs/reliability.md).</exception>
    public static List<T> ReadList<T>(XmlReader reader, string itemName, Func<XmlReader, T> readItem) => ReadList(reader, itemName, readItem, new List<T>());

    /// <summary>
    /// Reads a wrapped list as <see cref="ReadList{T}(XmlReader, string, Func{XmlReader, T})"/> does, adding the items to
    /// <paramref name="items"/> (a model's own list, so that reading allocates no second one) and returning it.
    /// </summary>
    /// <exception cref="XmlException">The wrapper holds something other than its items (see docs/reliability.md).</exception>
    public static List<T> ReadList<T>(XmlReader reader, string itemName, Func<XmlReader, T> readItem, List<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var shape = new XpmListShape(reader, itemName);
        if (!EnterElement(reader))
        {
            return items;
        }

        // Items gather in a lent array and the list gets exactly the room they take: a list kept in a result holds
        // no spare slots, and no outgrown arrays are left behind. Value-type items go straight to their list.
        var gathered = new XpmItemBuffer();
        try
        {
            while (true)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when shape.IsItem(reader):
                        shape.Item();
                        var item = readItem(reader);
                        if (typeof(T).IsValueType)
                        {
                            items.Add(item);
                        }
                        else
                        {
                            gathered.Add(item);
                        }

                        continue;
                    case XmlNodeType.Element:
                        shape.Other(reader);
                        reader.Skip();
                        continue;
                    case XmlNodeType.EndElement:
                        shape.End();
                        reader.Read();
                        gathered.AppendTo(items);
                        return items;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        shape.Text(reader);
                        break;
                    case XmlNodeType.None:
                        throw new XmlException("The document ended inside an element.");
                }

                if (!reader.Read())
                {
                    throw new XmlException("The document ended inside an element.");
                }
            }
        }
        finally
        {
            gathered.Dispose();
        }
    }

    /// <summary>Reads the text of the current element; an empty element reads as <see langword="null"/>.</summary>
    /// <remarks>
    /// On a reader from <see cref="CreateReader(Stream, bool)"/>, values are shared: a value read again through the same
    /// reader returns the instance read first (within the pool's bounds, see docs/benchmarks.md).
    /// </remarks>
    public static string? ReadString(XmlReader reader) => XpmValueFormat.EmptyToNull(
        reader.NameTable is XpmValuePool pool && reader.CanReadValueChunk ? pool.ReadElementText(reader) : ReadText(reader));

    /// <summary>Reads a <c>Yes</c>/<c>No</c> element.</summary>
    public static bool? ReadYesNo(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseYesNo(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Reads a <c>true</c>/<c>false</c> element.</summary>
    public static bool? ReadBoolean(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseBoolean(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Reads an integer element.</summary>
    public static int? ReadInt(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseInt(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Reads a decimal element.</summary>
    public static decimal? ReadDecimal(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseDecimal(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Reads a date-time element written with no offset.</summary>
    public static DateTime? ReadDateTime(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseDateTime(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Reads a <c>yyyyMMdd</c> date element.</summary>
    public static DateOnly? ReadCompactDate(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseCompactDate(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> date element.</summary>
    public static DateOnly? ReadIsoDate(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseIsoDate(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Reads an <c>HH:mm</c> time element.</summary>
    public static TimeOnly? ReadTime(XmlReader reader)
    {
        var element = new ValueElement(reader);
        var text = ReadChars(reader);
        try
        {
            return XpmValueFormat.ParseTime(text);
        }
        catch (FormatException ex)
        {
            throw element.Malformed(ex);
        }
    }

    /// <summary>Parses the value of the attribute the reader is on, naming the attribute when it is malformed.</summary>
    public static T ParseAttribute<T>(XmlReader reader, Func<string?, T> parse)
    {
        try
        {
            return parse(reader.Value);
        }
        catch (FormatException ex)
        {
            throw Malformed(reader, "attribute '" + reader.LocalName + "'", ex);
        }
    }

    /// <summary>Writes an element with text content unless <paramref name="value"/> is <see langword="null"/>.</summary>
    public static void WriteString(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(name, value);
        }
    }

    /// <summary>Writes a <c>Yes</c>/<c>No</c> element unless the value is <see langword="null"/>.</summary>
    public static void WriteYesNo(XmlWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatYesNo(v));
        }
    }

    /// <summary>Writes a <c>true</c>/<c>false</c> element unless the value is <see langword="null"/>.</summary>
    public static void WriteBoolean(XmlWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatBoolean(v));
        }
    }

    /// <summary>Writes an integer element unless the value is <see langword="null"/>.</summary>
    public static void WriteInt(XmlWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatInt(v));
        }
    }

    /// <summary>Writes a decimal element unless the value is <see langword="null"/>.</summary>
    public static void WriteDecimal(XmlWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatDecimal(v));
        }
    }

    /// <summary>Writes a date-time element (no offset) unless the value is <see langword="null"/>.</summary>
    public static void WriteDateTime(XmlWriter writer, string name, DateTime? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatDateTime(v));
        }
    }

    /// <summary>Writes a <c>yyyyMMdd</c> date element unless the value is <see langword="null"/>.</summary>
    public static void WriteCompactDate(XmlWriter writer, string name, DateOnly? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatCompactDate(v));
        }
    }

    /// <summary>Writes a <c>yyyy-MM-dd</c> date element unless the value is <see langword="null"/>.</summary>
    public static void WriteIsoDate(XmlWriter writer, string name, DateOnly? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatIsoDate(v));
        }
    }

    /// <summary>Writes an <c>HH:mm</c> time element unless the value is <see langword="null"/>.</summary>
    public static void WriteTime(XmlWriter writer, string name, TimeOnly? value)
    {
        if (value is { } v)
        {
            writer.WriteElementString(name, XpmValueFormat.FormatTime(v));
        }
    }

    // Each reader gets its own name table, which carries the reader's value pool (XpmValuePool).
    private static XmlReaderSettings WithValuePool(bool async)
    {
        var settings = (async ? AsyncSettings : SyncSettings).Clone();
        settings.NameTable = new XpmValuePool();
        return settings;
    }

    private static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        return reader.ReadElementContentAsString();
    }

    // Typed values are parsed from the pool's buffer: reading one allocates nothing. Each Read method parses directly
    // (no generic helper with a delegate): fewer methods for a process's first read to JIT-compile.
    private static ReadOnlySpan<char> ReadChars(XmlReader reader) =>
        reader.NameTable is XpmValuePool pool && reader.CanReadValueChunk ? pool.ReadElementChars(reader, out _) : ReadText(reader).AsSpan();

    /// <summary>Where a typed value starts, taken before it is read, to name it when it does not parse.</summary>
    private readonly struct ValueElement(XmlReader reader)
    {
        private readonly string _name = reader.LocalName;
        private readonly int _line = (reader as IXmlLineInfo)?.LineNumber ?? 0;
        private readonly int _column = (reader as IXmlLineInfo)?.LinePosition ?? 0;

        public XmlException Malformed(FormatException ex) =>
            new($"The element <{_name}> holds a value that is not valid: {ex.Message}", ex, _line, _column);
    }

    private static XmlException Malformed(XmlReader reader, string what, Exception inner)
    {
        var lineInfo = reader as IXmlLineInfo;
        return new XmlException($"The {what} holds a value that is not valid: {inner.Message}", inner, lineInfo?.LineNumber ?? 0, lineInfo?.LinePosition ?? 0);
    }
}
