using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace XpmGen.Cli.Output;

/// <summary>Writes results as indented XML with the generated writers, in XPM's own element names.</summary>
internal static class XmlOutput
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Indent = true,
        OmitXmlDeclaration = true,
        CloseOutput = false,
        ConformanceLevel = ConformanceLevel.Document,
    };

    /// <summary>Writes <c>&lt;listName&gt;&lt;itemName&gt;…&lt;/itemName&gt;…&lt;/listName&gt;</c>.</summary>
    public static void WriteList<T>(TextWriter output, string listName, string itemName, IEnumerable<T> items, Action<XmlWriter, T, string> write) =>
        Write(output, writer =>
        {
            writer.WriteStartElement(listName);
            foreach (var item in items)
            {
                write(writer, item, itemName);
            }

            writer.WriteEndElement();
        });

    /// <summary>Writes one document with <paramref name="write"/>, then a line break.</summary>
    public static void Write(TextWriter output, Action<XmlWriter> write)
    {
        using (var writer = XmlWriter.Create(output, Settings))
        {
            write(writer);
        }

        output.WriteLine();
    }
}
