using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// Models that belong to an owner (a client's documents, a job's costs, an entity's custom field values), kept as
/// <c>&lt;Owners&gt;&lt;Owner key="..."&gt;&lt;Item&gt;...</c>: each item in XPM's format, read and written by the
/// generated code, grouped under its owner's key.
/// </summary>
internal sealed class SandboxOwnedTable<T> : ISandboxTable
    where T : class
{
    private readonly Dictionary<string, List<T>> _owners = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];
    private readonly string _itemElement;
    private readonly Func<XmlReader, T> _read;
    private readonly Action<XmlWriter, T, string> _write;

    public SandboxOwnedTable(string fileName, string itemElement, Func<XmlReader, T> read, Action<XmlWriter, T, string> write)
    {
        FileName = fileName;
        _itemElement = itemElement;
        _read = read;
        _write = write;
    }

    public string FileName { get; }

    /// <summary>The items of an owner, empty when it has none.</summary>
    public IReadOnlyList<T> Of(string owner) => _owners.TryGetValue(owner, out var items) ? items : [];

    /// <summary>The items of an owner, to change; created empty when it has none.</summary>
    public List<T> For(string owner)
    {
        if (!_owners.TryGetValue(owner, out var items))
        {
            items = [];
            _owners[owner] = items;
            _order.Add(owner);
        }

        return items;
    }

    /// <summary>Every owner's key and items.</summary>
    public IEnumerable<KeyValuePair<string, List<T>>> Owners => _order.Select(key => new KeyValuePair<string, List<T>>(key, _owners[key]));

    /// <summary>Forgets an owner and its items (the owner was deleted).</summary>
    public void RemoveOwner(string owner)
    {
        if (_owners.Remove(owner))
        {
            _order.RemoveAll(key => string.Equals(key, owner, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Clear()
    {
        _owners.Clear();
        _order.Clear();
    }

    public void Load(Stream xml)
    {
        Clear();
        using var reader = XpmXml.CreateReader(xml);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Owners")
        {
            throw new XmlException($"The root element is <{reader.LocalName}>; expected <Owners>.");
        }

        if (!XpmXml.EnterElement(reader))
        {
            return;
        }

        while (XpmXml.MoveToNextChild(reader))
        {
            if (reader.LocalName != "Owner")
            {
                throw new XmlException($"Unexpected element <{reader.LocalName}> in <Owners>; expected <Owner key=\"...\">.");
            }

            var key = reader.GetAttribute("key");
            if (string.IsNullOrEmpty(key))
            {
                throw new XmlException("An <Owner> element has no key attribute.");
            }

            For(key).AddRange(XpmXml.ReadList(reader, _itemElement, _read));
        }
    }

    public void Save(Stream xml)
    {
        using var writer = XmlWriter.Create(xml, SandboxTable<T>.WriterSettings);
        writer.WriteStartElement("Owners");
        foreach (var key in _order)
        {
            writer.WriteStartElement("Owner");
            writer.WriteAttributeString("key", key);
            foreach (var item in _owners[key])
            {
                _write(writer, item, _itemElement);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
