using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// A list of models kept in XPM's own list format (<c>&lt;Clients&gt;&lt;Client&gt;...</c>), read and written with the
/// generated readers and writers, and looked up by a key (a UUID or a number) compared case-insensitively.
/// </summary>
internal sealed class SandboxTable<T> : ISandboxTable
    where T : class
{
    private readonly List<T> _items = [];
    private readonly string _listElement;
    private readonly string _itemElement;
    private readonly Func<XmlReader, T> _read;
    private readonly Action<XmlWriter, T, string> _write;
    private readonly Func<T, string?> _key;

    public SandboxTable(
        string fileName,
        string listElement,
        string itemElement,
        Func<XmlReader, T> read,
        Action<XmlWriter, T, string> write,
        Func<T, string?> key)
    {
        FileName = fileName;
        _listElement = listElement;
        _itemElement = itemElement;
        _read = read;
        _write = write;
        _key = key;
    }

    public string FileName { get; }

    /// <summary>Every item, in the order they were added.</summary>
    public IReadOnlyList<T> All => _items;

    public int Count => _items.Count;

    /// <summary>The item with this key, or null.</summary>
    public T? Find(string? key) =>
        string.IsNullOrEmpty(key) ? null : _items.FirstOrDefault(item => string.Equals(_key(item), key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The item with this key, or a fault in XPM's words (<c>Invalid job identifier</c>).</summary>
    public T Get(string? key, string what) => Find(key) ?? throw SandboxFault.InvalidIdentifier(what);

    public void Add(T item) => _items.Add(item ?? throw new ArgumentNullException(nameof(item)));

    public bool Remove(T item) => _items.Remove(item);

    public int RemoveAll(Predicate<T> match) => _items.RemoveAll(match);

    /// <summary>Moves an item to a new position (for orderings the practice keeps).</summary>
    public void Reorder(IEnumerable<T> ordered)
    {
        var list = ordered.ToList();
        _items.Clear();
        _items.AddRange(list);
    }

    public void Clear() => _items.Clear();

    public void Load(Stream xml)
    {
        using var reader = XpmXml.CreateReader(xml);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != _listElement)
        {
            throw new XmlException($"The root element is <{reader.LocalName}>; expected <{_listElement}>.");
        }

        var items = XpmXml.ReadList(reader, _itemElement, _read);
        _items.Clear();
        _items.AddRange(items);
    }

    public void Save(Stream xml)
    {
        using var writer = XmlWriter.Create(xml, WriterSettings);
        writer.WriteStartElement(_listElement);
        foreach (var item in _items)
        {
            _write(writer, item, _itemElement);
        }

        writer.WriteEndElement();
    }

    internal static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        CloseOutput = false,
    };
}
