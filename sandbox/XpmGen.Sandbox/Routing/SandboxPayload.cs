using System;
using System.Collections.Generic;
using System.Xml;

namespace XpmGen.Sandbox;

/// <summary>What a route writes inside the <c>&lt;Response&gt;</c> envelope after <c>&lt;Status&gt;OK&lt;/Status&gt;</c>.</summary>
internal abstract class SandboxPayload
{
    /// <summary>A status only.</summary>
    public static SandboxPayload None { get; } = new NonePayload();

    public abstract void WriteTo(XmlWriter writer);

    /// <summary>A bare text element beside the status, such as the UUID of a created item; nothing when null.</summary>
    public static SandboxPayload Value(string element, string? value) => new ValuePayload(element, value);

    /// <summary>One element written by a generated writer.</summary>
    public static SandboxPayload Single<T>(string element, T value, Action<XmlWriter, T, string> write)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SinglePayload<T>(element, value, write);
    }

    /// <summary>One element, or a status only when the value is null.</summary>
    public static SandboxPayload Optional<T>(string element, T? value, Action<XmlWriter, T, string> write)
        where T : class =>
        value is null ? None : new SinglePayload<T>(element, value, write);

    /// <summary>A wrapper element holding one element per item (<c>&lt;Clients&gt;&lt;Client/&gt;...</c>).</summary>
    public static SandboxPayload List<T>(string element, string item, IEnumerable<T> values, Action<XmlWriter, T, string> write)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ListPayload<T>(element, item, values, write);
    }

    private sealed class NonePayload : SandboxPayload
    {
        public override void WriteTo(XmlWriter writer)
        {
        }
    }

    private sealed class ValuePayload(string element, string? value) : SandboxPayload
    {
        public override void WriteTo(XmlWriter writer)
        {
            if (value is not null)
            {
                writer.WriteElementString(element, value);
            }
        }
    }

    private sealed class SinglePayload<T>(string element, T value, Action<XmlWriter, T, string> write) : SandboxPayload
    {
        public override void WriteTo(XmlWriter writer) => write(writer, value, element);
    }

    private sealed class ListPayload<T>(string element, string item, IEnumerable<T> values, Action<XmlWriter, T, string> write) : SandboxPayload
    {
        public override void WriteTo(XmlWriter writer)
        {
            writer.WriteStartElement(element);
            foreach (var value in values)
            {
                write(writer, value, item);
            }

            writer.WriteEndElement();

            // Token-paged lists carry their continuation beside the list, as XPM's <Pagination> element.
            (values as ISandboxPage)?.WritePagination(writer);
        }
    }
}
