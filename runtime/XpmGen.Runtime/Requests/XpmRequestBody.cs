using System;
using System.Xml;

namespace XpmGen;

/// <summary>The XML body of a write request: one root element such as <c>&lt;Client&gt;</c>, with no envelope.</summary>
public abstract class XpmRequestBody
{
    /// <summary>The name of the root element, for example <c>Client</c>.</summary>
    public abstract string ElementName { get; }

    /// <summary>Writes the root element and its content.</summary>
    public abstract void WriteTo(XmlWriter writer);

    /// <summary>Creates a body that writes <paramref name="value"/> with <paramref name="write"/>.</summary>
    /// <param name="elementName">The root element name.</param>
    /// <param name="value">The request model.</param>
    /// <param name="write">Writes the model as an element of the given name.</param>
    public static XpmRequestBody Create<T>(string elementName, T value, Action<XmlWriter, T, string> write)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(elementName);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(write);
        return new ModelBody<T>(elementName, value, write);
    }

    private sealed class ModelBody<T>(string elementName, T value, Action<XmlWriter, T, string> write) : XpmRequestBody
        where T : class
    {
        public override string ElementName => elementName;

        public override void WriteTo(XmlWriter writer) => write(writer, value, elementName);
    }
}
