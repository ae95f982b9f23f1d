using System.IO;

namespace XpmGen.Sandbox;

/// <summary>One collection of the practice's state, kept as one XML file in XPM's format.</summary>
internal interface ISandboxTable
{
    /// <summary>The file name in a data folder and among the embedded seed files, such as <c>clients.xml</c>.</summary>
    string FileName { get; }

    /// <summary>Replaces the items with those read from the XML; throws <see cref="System.Xml.XmlException"/> on bad XML.</summary>
    void Load(Stream xml);

    /// <summary>Removes every item.</summary>
    void Clear();

    /// <summary>Writes every item as XML.</summary>
    void Save(Stream xml);
}
